import { EmptyFileSystem } from 'langium';
import { expectFormatting, parseHelper } from 'langium/test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, expect, it } from 'vitest';
import { createCaserecLspServices } from '../../src/lsp/index.js';
import type { Document } from '../../src/index.js';

/**
 * The formatter changes indentation and spacing only (language.md, "Nothing lost"): fields indented by two
 * inside braces, one space between words, none before `:` and `,`. Text blocks and strings are never touched,
 * comments stay where they are, a document that does not parse is left alone, and formatting is idempotent.
 */
const services = createCaserecLspServices(EmptyFileSystem).Caserec;
const format = expectFormatting(services);
const parse = parseHelper<Document>(services);

async function formatted(text: string): Promise<string> {
  const document = await parse(text);
  const edits = await services.lsp.Formatter!.formatDocument(document, {
    textDocument: { uri: document.uri.toString() },
    options: { tabSize: 4, insertSpaces: true },
  });
  return TextDocument.applyEdits(document.textDocument, edits);
}

const MESSY = `// A fictional record, written in a hurry.
case   "SG-900001"{
child  amy "Amy Test"   born 2015-01-01
    worker sw "Sue Worker" role   social-worker // the allocated worker
  worker tm "Tom Manager" role team-manager
}



visit   2021-01-04   10:00 by sw to  amy{
seen-alone : amy
        child-voice:"""Amy said   "I like   my  room".
      She showed me her drawings."""
  /* what I saw */
  observations :   """The home was warm."""
}
contact 2021-01-05 from sw about amy ,amy {
  consent :given
  decision 2021-01-05 by tm :   advice
}
supervision 2021-01-06 of sw by tm about amy {
    reflection: """Tested a hypothesis."""
    action   "Check school attendance"   owner sw   due 2021-01-20
}
`;

const TIDY = `// A fictional record, written in a hurry.
case "SG-900001" {
  child amy "Amy Test" born 2015-01-01
  worker sw "Sue Worker" role social-worker // the allocated worker
  worker tm "Tom Manager" role team-manager
}

visit 2021-01-04 10:00 by sw to amy {
  seen-alone: amy
  child-voice: """Amy said   "I like   my  room".
      She showed me her drawings."""
  /* what I saw */
  observations: """The home was warm."""
}
contact 2021-01-05 from sw about amy, amy {
  consent: given
  decision 2021-01-05 by tm: advice
}
supervision 2021-01-06 of sw by tm about amy {
  reflection: """Tested a hypothesis."""
  action "Check school attendance" owner sw due 2021-01-20
}
`;

describe('formatting', () => {
  it('indents fields by two and spaces words, whatever the editor tab size', async () => {
    await format({ before: MESSY, after: TIDY, disposeAfterCheck: true });
  });

  it('is idempotent', async () => {
    await format({ before: TIDY, after: TIDY, disposeAfterCheck: true });
    const once = await formatted(MESSY);
    expect(await formatted(once)).toBe(once);
  });

  it('keeps every character of text blocks and strings and every word of the record', async () => {
    const after = await formatted(MESSY);
    const blocks = (text: string) => text.match(/"""[\s\S]*?"""|"(?:\\.|[^"\\\n])*"/g) ?? [];
    expect(blocks(after)).toEqual(blocks(MESSY));
    expect(after.replace(/\s+/g, '')).toBe(MESSY.replace(/\s+/g, ''));
  });

  it('keeps a comment above an entry next to it, and folds runs of blank lines between entries to one', async () => {
    const before = `allocation 2021-01-04 about amy to sw\n// why the next entry matters\nnote 2021-01-05 by sw about amy {\n\n   text: """x"""\n}\n\n\n\nvisit 2021-01-06 by sw to amy {\n  child-voice: """y"""\n\n  observations: """z"""\n}\nnote 2021-01-07 by sw about amy {}\n`;
    const after = `allocation 2021-01-04 about amy to sw\n// why the next entry matters\nnote 2021-01-05 by sw about amy {\n  text: """x"""\n}\n\nvisit 2021-01-06 by sw to amy {\n  child-voice: """y"""\n\n  observations: """z"""\n}\nnote 2021-01-07 by sw about amy {}\n`;
    await format({ before, after, disposeAfterCheck: true });
  });

  it('keeps the line endings of a file written with CRLF', async () => {
    const after = await formatted('note 2021-01-05 by sw about amy {\r\n      text: """x"""\r\n}\r\n');
    expect(after).toBe('note 2021-01-05 by sw about amy {\r\n  text: """x"""\r\n}\r\n');
  });

  it('adds nothing to an entry without a body', async () => {
    await format({
      before: 'allocation   2021-01-04 about amy to   sw\n',
      after: 'allocation 2021-01-04 about amy to sw\n',
      disposeAfterCheck: true,
    });
  });

  it('leaves a document with a parse error untouched', async () => {
    const broken = `visit 2021-01-04 by sw to amy {\n      observations:   """x"""\n  child-voice: \n}\n`;
    expect(await formatted(broken)).toBe(broken);
  });

  it('leaves a document with an unclosed text block or a stray line untouched', async () => {
    const unclosed = `visit 2021-01-04 by sw to amy {\n      observations: """never closed\n}\nnote   2021-01-05 by sw about amy\n`;
    expect(await formatted(unclosed)).toBe(unclosed);
    const stray = `vist 2021-01-04 by sw to amy {\n}\nnote   2021-01-05 by sw about amy\n`;
    expect(await formatted(stray)).toBe(stray);
  });
});
