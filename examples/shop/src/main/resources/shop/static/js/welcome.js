// The welcome page after a password + code login: says what Passbridge's <passbridge-append> did.
// Each handler cancels the event: the shop says it in its own words, and the element then says
// nothing itself (one message, announced once).
const notice = document.getElementById('notice');

// The prompt opened by itself, so nothing had focus before it: closed, the browser would leave the
// focus on <body>. It goes to the page's heading instead, where a keyboard or screen reader user
// goes on from (the notice beside it is announced as a status).
function focusAfterPrompt() {
  if (!document.activeElement || document.activeElement === document.body) {
    document.getElementById('welcome').focus();
  }
}

document.addEventListener('passbridge:appended', (event) => {
  event.preventDefault();
  notice.textContent = 'Your passkey is ready. Next time, log in with it.';
  focusAfterPrompt();
});
document.addEventListener('passbridge:dismissed', (event) => {
  event.preventDefault();
  notice.textContent = 'No passkey for now. Your password keeps working.';
  focusAfterPrompt();
});
document.addEventListener('passbridge:error', (event) => {
  event.preventDefault();
  notice.textContent = 'We could not add a passkey this time. Your password keeps working.';
  focusAfterPrompt();
});
