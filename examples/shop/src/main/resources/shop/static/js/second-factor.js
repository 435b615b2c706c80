// The code page: a code pasted or typed with spaces or dashes ("582 961", "582-961") becomes its
// six digits. The field has no maxlength for that reason: it would cut "582 961" to "582 96"
// before this script sees it.
const code = document.getElementById('code');

code.addEventListener('input', () => {
  const digits = code.value.replace(/[^0-9]/g, '').slice(0, 6);
  if (digits !== code.value) {
    code.value = digits;
  }
});
