// The welcome page after a password + code login: says what Passbridge's <passbridge-append> did.
const notice = document.getElementById('notice');

document.addEventListener('passbridge:appended', () => {
  notice.textContent = 'Your passkey is ready. Next time, log in with it.';
});
document.addEventListener('passbridge:dismissed', () => {
  notice.textContent = 'No passkey for now. Your password keeps working.';
});
document.addEventListener('passbridge:error', () => {
  notice.textContent = 'We could not add a passkey this time. Your password keeps working.';
});
