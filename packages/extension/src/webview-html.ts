// The chronology page as the webview shows it. No `vscode` import here, so that it can be tested on its own.
import { randomBytes } from 'node:crypto';

/**
 * The renderer's page with one addition: a script, allowed by nonce, that turns a click on a row into a
 * message. The page's own policy (nothing from the network) is kept.
 */
export function withLinksBack(html: string, scriptNonce: string): string {
  const policy = `default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'nonce-${scriptNonce}'; base-uri 'none'; form-action 'none'`;
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}">`;
  const script = `<style>[data-line]{cursor:pointer}</style>
<script nonce="${scriptNonce}">
const vscode = acquireVsCodeApi();
document.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target.closest('[data-line][data-file]') : null;
  if (!target) return;
  vscode.postMessage({ file: target.getAttribute('data-file'), line: Number(target.getAttribute('data-line')) });
});
</script>`;
  const withPolicy = /<meta http-equiv="Content-Security-Policy"[^>]*>/i.test(html)
    ? html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/i, meta)
    : html.replace(/<head>/i, `<head>\n${meta}`);
  return /<\/body>/i.test(withPolicy) ? withPolicy.replace(/<\/body>/i, `${script}\n</body>`) : withPolicy + script;
}

export function messagePage(text: string): string {
  const escaped = text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'"></head><body><p>${escaped}</p></body></html>`;
}

/** A fresh nonce per page, from the platform's secure random source. */
export function nonce(): string {
  return randomBytes(16).toString('hex');
}
