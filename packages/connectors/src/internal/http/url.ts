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
  if (url.search || url.hash) {
    return 'remove the query and fragment (secrets passed as ?key=… would be printed); give the server address only';
  }
  return undefined;
}

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
