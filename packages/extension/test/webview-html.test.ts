import { describe, expect, it } from 'vitest';
import { chronologyHtml } from '../../language/src/render/index.js';
import { messagePage, nonce, withLinksBack } from '../src/webview-html.js';

/** The chronology page in the webview: the renderer's page, still locked down, plus our one script. */
describe('the chronology webview page', () => {
  const page = chronologyHtml([]);

  it("keeps the renderer's policy, allowing only our script by its nonce", () => {
    const shown = withLinksBack(page, 'abc123');
    const policies = shown.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/g) ?? [];
    expect(policies).toHaveLength(1);
    expect(policies[0]).toContain("default-src 'none'");
    expect(policies[0]).toContain("script-src 'nonce-abc123'");
    expect(shown).toContain('<script nonce="abc123">');
    expect(shown.match(/<script/g)).toHaveLength(1);
    expect(shown).toContain(
      "vscode.postMessage({ file: target.getAttribute('data-file'), line: Number(target.getAttribute('data-line')) })",
    );
    // Everything else of the page is as drawn.
    expect(
      shown.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '').replace(/<style>\[data-line][\s\S]*?<\/script>\n/, ''),
    ).toBe(page.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, ''));
  });

  it('escapes an error message', () => {
    expect(messagePage('<b>"x"</b>')).toContain('&#60;b&#62;&#34;x&#34;&#60;/b&#62;');
  });

  it('makes a new nonce each time', () => {
    expect(nonce()).toMatch(/^[0-9a-f]{32}$/);
    expect(nonce()).not.toBe(nonce());
  });
});
