import { ConnectorConfigError } from './ConnectorError.js';

/**
 * Checks a connector's base URL: http or https, no credentials in it (they belong in the key or
 * password settings, where they are masked), no query or fragment. Returns it without a trailing
 * slash.
 *
 * @example
 * parseBaseUrl('https://erp.example.com/', 'Odoo', 'url'); // 'https://erp.example.com'
 */
export function parseBaseUrl(raw: string, subject: string, field: string): string {
  const problem = baseUrlProblem(raw);
  if (problem) throw new ConnectorConfigError(subject, [{ field, fix: problem }]);
  return raw.replace(/\/+$/, '');
}

/** What is wrong with a base URL (undefined when nothing), worded as what to do. */
export function baseUrlProblem(raw: unknown): string | undefined {
  if (typeof raw !== 'string' || raw.trim() === '') {
    return 'give the server address, e.g. https://erp.example.com';
  }
  if (/^([a-z][a-z0-9+.-]*:\/\/)?[^/?#\s]*@/i.test(raw.trim())) {
    return 'credentials in the URL are refused (they would be printed and logged); remove "user:password@" and give them in the key / password settings';
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return `"${displayUrl(raw)}" is not a URL; give the server address with its scheme, e.g. https://erp.example.com`;
  }
  if (url.username || url.password) {
    return 'credentials in the URL are refused (they would be printed and logged); remove "user:password@" and give them in the key / password settings';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return `scheme "${url.protocol}" is not supported; use https:// (or http:// on a trusted network)`;
  }
  if (url.port && FETCH_BAD_PORTS.has(Number(url.port))) {
    return `port ${url.port} is one the Fetch standard blocks (fetch refuses to connect to it); serve the ERP on another port or put a proxy in front`;
  }
  if (url.search || url.hash) {
    return 'remove the query and fragment (secrets passed as ?key=… would be printed); give the server address only';
  }
  return undefined;
}

/** Ports `fetch` refuses (https://fetch.spec.whatwg.org/#bad-port). */
const FETCH_BAD_PORTS = new Set([
  1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102,
  103, 104, 109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465,
  512, 513, 514, 515, 526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993,
  995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668,
  6669, 6679, 6697, 10080,
]);

/**
 * A URL as it may be printed: no `user:password@`, no query values, no fragment. Text that is
 * not a URL is cut at the first `@`, `?` or `#` for the same reason.
 *
 * @example
 * displayUrl('https://bob:pw@erp.example.com/api?key=s3cret'); // 'https://erp.example.com/api?…'
 */
export function displayUrl(raw: string): string {
  try {
    const url = new URL(raw);
    const hidden = url.search || url.hash ? '?…' : '';
    return `${url.protocol}//${url.host}${url.pathname === '/' ? '' : url.pathname}${hidden}`;
  } catch {
    const at = raw.lastIndexOf('@');
    const tail = at >= 0 ? raw.slice(at + 1) : raw;
    const cut = tail.search(/[?#\s]/);
    return (cut >= 0 ? tail.slice(0, cut) : tail).slice(0, 100);
  }
}
