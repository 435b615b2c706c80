// The welcome page after a password + code login: says what Passbridge's <passbridge-append> did.
// Each handler cancels the event: the shop says it in its own words, and the element then says
// nothing itself (one message, announced once).
const notice = document.getElementById('notice');

document.addEventListener('passbridge:appended', (event) => {
  event.preventDefault();
  notice.textContent = 'Your passkey is ready. Next time, log in with it.';
});
document.addEventListener('passbridge:dismissed', (event) => {
  event.preventDefault();
  notice.textContent = 'No passkey for now. Your password keeps working.';
});
document.addEventListener('passbridge:error', (event) => {
  event.preventDefault();
  notice.textContent = 'We could not add a passkey this time. Your password keeps working.';
});
