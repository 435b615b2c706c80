// The account page: says what Passbridge's <passbridge-passkey-list> did.
const notice = document.getElementById('notice');

document.addEventListener('passbridge:deleted', () => {
  notice.textContent = 'Passkey deleted.';
});
document.addEventListener('passbridge:renamed', () => {
  notice.textContent = 'Passkey renamed.';
});
document.addEventListener('passbridge:error', () => {
  notice.textContent = 'That did not work. Try again.';
});
