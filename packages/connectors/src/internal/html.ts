/**
 * The few HTML entities the connectors write and read: `&`, `<`, `>` and `"` escaped into text
 * an ERP shows as HTML, and the common entities decoded back out of an ERP's HTML (`&nbsp;`,
 * `&#39;` too). Not a general HTML parser: tags are the caller's business.
 *
 * @example
 * escapeHtml('a < b & "c"'); // 'a &lt; b &amp; &quot;c&quot;'
 * decodeEntities('Tom &amp; Jerry&nbsp;&lt;3'); // 'Tom & Jerry <3'
 */
export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** Decodes `&nbsp;`, `&lt;`, `&gt;`, `&quot;`, `&#39;` and `&amp;` (last, so `&amp;lt;` stays `&lt;`). */
export function decodeEntities(s: string): string {
  return s
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}
