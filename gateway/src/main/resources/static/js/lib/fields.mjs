// Which form field a problem answer is about, and what to tell the user about it (pure: the
// page passes the SDK's messageFor(), so node tests load this without the SDK's URL paths).

/** Problem codes that are about one field whatever their `errors` say. */
const FIELD_OF_CODE = Object.freeze({
  'username-taken': 'username',
  'invalid-username': 'username',
  'invalid-phone': 'phone',
  'weak-password': 'password',
});

/** "must not contain …" -> "must not contain ….": a reason ends like a sentence. */
function sentence(text) {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/**
 * The field a problem is about and the sentence for it. `labels` maps the request's field names to
 * the labels the user sees ({username: 'Username', phone: 'Mobile number'}); only those fields are
 * considered. A `validation-failed` answer names the field in `errors` ({name: "must not …"}): the
 * sentence is "Label: reason." instead of the problem's generic "The request is not valid.";
 * otherwise it is messageOf(problem). field is null when the problem is about no field the form has.
 */
export function fieldProblem(problem, labels, messageOf) {
  const errors = problem?.code === 'validation-failed' && problem.errors && typeof problem.errors === 'object'
    ? problem.errors
    : {};
  for (const [field, label] of Object.entries(labels)) {
    const reason = errors[field];
    if (typeof reason === 'string' && reason.trim()) {
      return { field, message: `${label}: ${sentence(reason)}` };
    }
  }
  const field = FIELD_OF_CODE[problem?.code];
  return { field: field && field in labels ? field : null, message: messageOf(problem) };
}
