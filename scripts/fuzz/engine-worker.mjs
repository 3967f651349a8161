// A worker thread that runs inputs through the engine (parse, link, validate: validateFiles, as the CLI does)
// for scripts/fuzz/run.mjs, so that the main thread can time each input and stop a hang by terminating the
// worker. Reports per input: time, a thrown error, errors Langium caught and turned into diagnostics ("An
// error occurred…"), console.error output (a case rule that failed), diagnostics outside the file, and
// network calls.
import { parentPort } from 'node:worker_threads';
import { EmptyFileSystem } from 'langium';
import { installNoNetwork, networkCalls } from './no-network.mjs';
import { importLanguage } from '../bench/lib.mjs';

installNoNetwork();
const { createCaserecServices, validateFiles } = await importLanguage();

const consoleErrors = [];
const originalError = console.error;
console.error = (...args) => {
  consoleErrors.push(args.map((a) => (a instanceof Error ? `${a.message}\n${a.stack}` : String(a))).join(' '));
};
void originalError;

function fresh() {
  const { Caserec } = createCaserecServices(EmptyFileSystem);
  Caserec.caserec.Settings.asOf = '2023-03-10';
  return Caserec;
}
let services = fresh();

// The sentinel: the contract sample must keep giving its known result on services that have just seen a
// damaged input (a parser left in a bad state by an exception would show here).
const SENTINEL = await import('node:fs').then((fs) =>
  fs.readFileSync(new URL('../../test/fixtures/contract/jones-family.case', import.meta.url), 'utf8'),
);
async function sentinel() {
  const uri = `/caserec-fuzz/sentinel-${Math.random().toString(36).slice(2)}/jones-family.case`;
  services.caserec.Settings.asOf = '2021-11-10';
  try {
    const { results } = await validateFiles(services, [{ path: 'jones-family.case', absolute: uri, text: SENTINEL }]);
    const d = results[0].diagnostics;
    return d.length === 0
      ? undefined
      : `${d.length} diagnostics on the contract sample after this input, first: ${d[0].code} ${d[0].line}:${d[0].column} ${d[0].message.slice(0, 120)}`;
  } catch (e) {
    return `the contract sample now throws: ${e?.message ?? e}`;
  } finally {
    const { URI } = await import('langium');
    await services.shared.workspace.DocumentBuilder.update([], [URI.file(uri)]).catch(() => {});
  }
}
const expectedSentinel = await sentinel();
let inputsSinceSentinel = 0;

function lineCount(text) {
  let n = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13) {
      n++;
      if (text.charCodeAt(i + 1) === 10) i++;
    }
  }
  return n;
}

parentPort.on('message', async ({ id, files, asOf }) => {
  consoleErrors.length = 0;
  services.caserec.Settings.asOf = asOf ?? '2023-03-10';
  const documents = files.map((f) => ({ path: f.name, absolute: `/caserec-fuzz/${id}/${f.name}`, text: f.text }));
  const started = performance.now();
  let error;
  let diagnostics = 0;
  const internal = [];
  const badRanges = [];
  try {
    const { results } = await validateFiles(services, documents);
    results.forEach((result, i) => {
      const lines = lineCount(files[i].text);
      for (const d of result.diagnostics) {
        diagnostics++;
        if (/An (unexpected )?error occurred/i.test(d.message)) internal.push(d.message.slice(0, 500));
        const ok = d.line >= 1 && d.column >= 1 && d.endLine >= d.line && d.line <= lines && d.endLine <= lines;
        if (!ok && badRanges.length < 3)
          badRanges.push(`${d.code} at ${d.line}:${d.column}-${d.endLine}:${d.endColumn} in a file of ${lines} lines`);
      }
    });
  } catch (e) {
    error = { message: String(e?.message ?? e), stack: String(e?.stack ?? '') };
  }
  const ms = performance.now() - started;
  try {
    const { URI } = await import('langium');
    await services.shared.workspace.DocumentBuilder.update(
      [],
      documents.map((d) => URI.file(d.absolute)),
    );
  } catch {
    services = fresh();
  }
  let poisoned;
  if (error || ++inputsSinceSentinel >= 25) {
    inputsSinceSentinel = 0;
    poisoned = expectedSentinel === undefined ? await sentinel() : undefined;
  }
  if (error || poisoned) services = fresh();
  parentPort.postMessage({
    id,
    ms,
    error,
    poisoned,
    diagnostics,
    internal,
    badRanges,
    consoleErrors: consoleErrors.slice(0, 3).map((e) => e.slice(0, 1500)),
    network: networkCalls(),
  });
});

parentPort.postMessage({ ready: true });
