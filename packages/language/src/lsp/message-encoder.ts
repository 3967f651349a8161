import type { ContentTypeEncoder, ContentTypeEncoderOptions, Message } from 'vscode-languageserver/node';

/**
 * The JSON of messages the server writes to a stream (stdio: VS Code, Neovim, the benchmark), with each
 * published finding's JSON made once.
 *
 * LSP publishes a record's findings whole, every time: on a keystroke in a 5 MB record that is ~2,900 findings,
 * 1.3 MB of JSON, twice (per-entry findings, then the case pass), ~16 ms each to stringify and encode. Yet
 * almost every finding object is the very one published last time: findings of unchanged entries are kept and
 * handed over again as they are (`CaserecDocumentValidator`), and one that changes is a new object. So each
 * finding's UTF-8 JSON is kept per object, and a publication is its envelope with those pieces joined.
 *
 * The bytes are exactly JSON.stringify's: JSON.stringify writes an array as its elements' JSON joined by commas,
 * and an object's keys in order. That rests on one invariant: a finding is never changed after it is published.
 * With CASEREC_VERIFY_ENCODING=1 (the protocol tests set it) every publication is compared with JSON.stringify
 * and a difference throws, so a change that breaks the invariant fails the tests.
 *
 * Over Node's IPC (--node-ipc) Node encodes every message whole; the VS Code extension therefore starts the
 * server over stdio.
 */
export const messageEncoder: ContentTypeEncoder = {
  name: 'application/json',
  encode(message: Message, options: ContentTypeEncoderOptions): Promise<Uint8Array> {
    inUse = true;
    try {
      return Promise.resolve(encodeMessage(message, options.charset));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  },
};

const verify = process.env['CASEREC_VERIFY_ENCODING'] === '1';

/** Stands for the findings in the envelope's JSON; its escaped NULs cannot come from a record or a URI by chance. */
const HOLE = '\u0000caserec: findings\u0000';
const HOLE_JSON = JSON.stringify(HOLE);
const COMMA = Buffer.from(',');

const findingJson = new WeakMap<object, Buffer>();
/** Whether the server writes through this encoder (stdio); over IPC there is nothing to prepare. */
let inUse = false;
let primingRun = 0;

/**
 * Makes the JSON of `findings` ahead of their first publication, a slice per turn of the event loop (a keystroke
 * is read between slices), and resolves with how many were made. The case pass makes the copies of its findings
 * that the next keystroke publishes meanwhile (carried along with their entries): on a 5 MB record ~2,900 of
 * them, whose first encoding cost the first keystroke after opening ~25 ms. A later call stops an earlier one.
 */
export async function primeFindings(findings: readonly object[], sliceSize = 250): Promise<number> {
  if (!inUse) return 0;
  const run = ++primingRun;
  let made = 0;
  for (let start = 0; start < findings.length; start += sliceSize) {
    if (start > 0) await new Promise((resolve) => setImmediate(resolve));
    if (run !== primingRun) break;
    for (const finding of findings.slice(start, start + sliceSize)) {
      if (findingJson.has(finding)) continue;
      jsonOf(finding);
      made++;
    }
  }
  return made;
}

/** The message as UTF-8 JSON, byte for byte what `JSON.stringify` gives. */
export function encodeMessage(message: Message, charset: string = 'utf-8'): Buffer {
  const encoded = encodePublication(message, charset) ?? Buffer.from(JSON.stringify(message), charset as BufferEncoding);
  if (verify) {
    const expected = JSON.stringify(message);
    if (encoded.toString('utf8') !== expected) {
      throw new Error('caserec: a publication encoded from kept findings differs from its JSON: a published finding was changed');
    }
  }
  return encoded;
}

function encodePublication(message: Message, charset: string): Buffer | undefined {
  const notification = message as Message & { method?: unknown; params?: unknown };
  if (notification.method !== 'textDocument/publishDiagnostics') return undefined;
  if (charset.toLowerCase().replace('-', '') !== 'utf8') return undefined;
  const params = notification.params as { diagnostics?: unknown } | undefined;
  if (typeof params !== 'object' || params === null || !Array.isArray(params.diagnostics)) return undefined;
  const envelope = JSON.stringify({ ...notification, params: { ...params, diagnostics: HOLE } });
  const at = envelope.indexOf(HOLE_JSON);
  if (at < 0 || envelope.indexOf(HOLE_JSON, at + 1) >= 0) return undefined;
  const diagnostics = params.diagnostics as unknown[];
  const parts: Buffer[] = [Buffer.from(envelope.slice(0, at) + '[')];
  for (let i = 0; i < diagnostics.length; i++) {
    if (i > 0) parts.push(COMMA);
    parts.push(jsonOf(diagnostics[i]));
  }
  parts.push(Buffer.from(']' + envelope.slice(at + HOLE_JSON.length)));
  return Buffer.concat(parts);
}

function jsonOf(value: unknown): Buffer {
  // JSON.stringify writes null for an array element that has no JSON (undefined, a function).
  if (typeof value !== 'object' || value === null) return Buffer.from(JSON.stringify(value) ?? 'null');
  let json = findingJson.get(value);
  if (!json) findingJson.set(value, (json = Buffer.from(JSON.stringify(value) ?? 'null')));
  return json;
}
