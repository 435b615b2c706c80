// The code page: a code pasted or typed with spaces or dashes ("582 961", "582-961") becomes its
// six digits. The field has no maxlength for that reason: it would cut "582 961" to "582 96"
// before this script sees it.
const code = document.getElementById('code');

// A wrong code comes back as a new page with the error above the form: the focus goes to the field,
// which the page marked invalid and described by the error, so the error is read with it (an alert
// that is there when the page loads is not reliably announced).
if (code.getAttribute('aria-invalid') === 'true') {
  code.focus();
}

code.addEventListener('input', () => {
  const digits = code.value.replace(/[^0-9]/g, '').slice(0, 6);
  if (digits !== code.value) {
    code.value = digits;
  }
});
