/**
 * A self-contained HTML page that reads the OpenAPI document at `specUrl` and lists every
 * operation with its parameters, body and answers (no script or style from elsewhere).
 *
 * @example
 * app.get('/reference', (c) => c.html(referencePage('/openapi.json')));
 */
export function referencePage(specUrl: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>ordergate order desk API</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
h2{margin-top:2rem;border-bottom:1px solid #ddd}
.op{margin:1rem 0;padding:.5rem 1rem;border-left:4px solid #4a7}
.m{font:bold 13px monospace;text-transform:uppercase;margin-right:.5rem}
pre{background:#f6f6f6;padding:.5rem;overflow:auto;font-size:12px}
</style>
</head>
<body>
<h1 id="title">ordergate order desk API</h1>
<p id="description"></p>
<div id="ops">Loading <a href="${specUrl}">${specUrl}</a>…</div>
<script>
const esc = (s) => String(s ?? '').replace(/[&<>"]/g, (c) => ({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'})[c]);
fetch(${JSON.stringify(specUrl)}).then((r) => r.json()).then((doc) => {
  document.getElementById('title').textContent = doc.info.title + ' ' + doc.info.version;
  document.getElementById('description').textContent = doc.info.description || '';
  let html = '';
  for (const [path, item] of Object.entries(doc.paths || {})) {
    for (const [method, op] of Object.entries(item)) {
      html += '<div class="op"><span class="m">' + esc(method) + '</span><code>' + esc(path) + '</code>';
      html += '<p>' + esc(op.summary) + '</p>';
      if (op.requestBody) html += '<details><summary>body</summary><pre>' + esc(JSON.stringify(op.requestBody, null, 2)) + '</pre></details>';
      html += '<details><summary>answers: ' + esc(Object.keys(op.responses || {}).join(', ')) + '</summary><pre>' + esc(JSON.stringify(op.responses, null, 2)) + '</pre></details></div>';
    }
  }
  html += '<h2>Schemas</h2><pre>' + esc(JSON.stringify(doc.components, null, 2)) + '</pre>';
  document.getElementById('ops').innerHTML = html;
});
</script>
</body>
</html>
`;
}
