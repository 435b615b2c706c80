// The CSRF token Spring Security put into the page's <meta> tags, as a request header.

/** {name: value} for fetch headers; {} when the page has none. */
export function csrfHeader(doc = document) {
  const token = doc.querySelector('meta[name="_csrf"]')?.getAttribute('content');
  const header = doc.querySelector('meta[name="_csrf_header"]')?.getAttribute('content');
  return token && header ? { [header]: token } : {};
}
