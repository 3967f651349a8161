// Builds the CLI bundle from the compiled modules in out/ (run after tsc -b, by `npm run build`):
//   dist/caserec.cjs        the CLI with everything it needs, in one CommonJS file, run by bin/caserec.js
//   dist/caserec.cjs.cache  V8's code cache for it, written after running the CLI on examples/ (see bin/bundle.js)
//   dist/worker.js          the batch worker (src/batch/worker.ts), which src/batch/pool.ts starts from
//                           `new URL('./worker.js', import.meta.url)`, that is beside the bundle
// CommonJS for the CLI because V8's code cache (vm.Script cachedData) is for scripts, not ES modules; ESM for
// the worker, which runs as a file beside it (this package is "type": "module"). Not minified: minifying
// did not make it start faster with the cache, and stack traces in bug reports stay readable.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUNDLE, CODE_CACHE, loadBundle, writeCodeCache } from './bin/bundle.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const examples = path.resolve(here, '../../examples');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  keepNames: false,
  legalComments: 'none',
  logLevel: 'warning',
  absWorkingDir: here,
};

// An old cache must never sit beside a new bundle, even if this build fails half-way.
fs.rmSync(CODE_CACHE, { force: true });

await Promise.all([
  esbuild.build({
    ...common,
    entryPoints: ['out/main.js'],
    format: 'cjs',
    outfile: BUNDLE,
    // CommonJS has no import.meta: pool.ts finds the worker from the bundle's own URL.
    define: { 'import.meta.url': '__caserecBundleUrl' },
    banner: { js: "var __caserecBundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  }),
  esbuild.build({
    ...common,
    entryPoints: ['out/batch/worker.js'],
    format: 'esm',
    outfile: path.join(path.dirname(BUNDLE), 'worker.js'),
    // Bundled CommonJS packages call require() for Node's modules; an ES module has to make one.
    banner: {
      js: "import { createRequire as __caserecCreateRequire } from 'node:module'; const require = __caserecCreateRequire(import.meta.url);",
    },
  }),
]);

// esbuild escapes non-ASCII characters in strings but not in comments or regular-expression literals. Escape
// those too (\uXXXX means the same character there), so that the bundle is ASCII and bin/bundle.js can read it
// as Latin-1: decoding 2.6 MB of UTF-8 into a two-byte string took ~15 ms of every start, Latin-1 under 1 ms.
const text = fs.readFileSync(BUNDLE, 'utf8');
if (/\\[\u0080-\uffff]/.test(text)) throw new Error(`${BUNDLE}: a backslash before a non-ASCII character; escape it in the source`);
fs.writeFileSync(
  BUNDLE,
  text.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
);

// The code cache holds the bytecode of the functions compiled so far, so run what a user runs first: the
// version, the rule list, and a validation of the examples (output discarded). Runs in this process with no
// Node flags, like `node bin/caserec.js`: V8 checks the flags too.
const bundleStat = fs.statSync(BUNDLE);
const { exports, script } = loadBundle(bundleStat, { useCache: false });
const quiet = { cwd: here, write: () => {}, writeFile: () => {} };
const runs = [['--version'], ['rules'], ...(fs.existsSync(examples) ? [['validate', examples, '--as-of', '2023-03-10']] : [])];
for (const argv of runs) {
  // 1 is findings (the examples have some); 2 is a usage or internal error, already printed by the CLI.
  if ((await exports.main(argv, quiet)) === 2) throw new Error(`the bundled CLI failed on \`caserec ${argv.join(' ')}\``);
}
writeCodeCache(script, bundleStat);
console.log(`caserec: built ${path.relative(process.cwd(), BUNDLE)} (${(bundleStat.size / 1e6).toFixed(1)} MB) and its code cache`);
