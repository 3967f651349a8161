// Loads the CLI bundle, dist/caserec.cjs (built by `npm run build`, see ../esbuild.mjs), with V8's code cache.
//
// Why: run from out/, a start-up resolves, reads and compiles a few hundred modules; from one file it reads
// one, and with the code cache (the bytecode of every function a build-time run of the CLI compiled) V8
// compiles almost nothing. The cache is only a speed-up: V8 rejects it when Node (V8 version or flags) differs
// from the build's, and we skip it when it was not written for this very bundle file (V8 itself compares only
// the source length, so a rebuilt bundle of the same length would otherwise take the old bytecode).
import { Buffer, isAscii } from 'node:buffer';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const BUNDLE = fileURLToPath(new URL('../dist/caserec.cjs', import.meta.url));
export const CODE_CACHE = `${BUNDLE}.cache`;

/** Written by tsc -b on each compile of the packages the bundle is built from. */
const COMPILED = [
  fileURLToPath(new URL('../out/.tsbuildinfo', import.meta.url)),
  fileURLToPath(new URL('../../language/out/.tsbuildinfo', import.meta.url)),
];

/** The first bytes of the cache file name the bundle it was made from. */
const HEADER_BYTES = 64;

function mtimeMs(file) {
  return fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs;
}

/** The bundle's identity for the cache header: size and modification time. */
function stamp(bundleStat) {
  return `${bundleStat.size}:${bundleStat.mtimeMs}`.padEnd(HEADER_BYTES);
}

/**
 * The bundle's stat when it exists and is newer than the last compile; undefined otherwise, so that a
 * developer who ran tsc (or a test's `tsc -b`) after `npm run build` runs what they compiled, not a stale bundle.
 */
export function currentBundle() {
  const bundle = fs.statSync(BUNDLE, { throwIfNoEntry: false });
  if (!bundle) return undefined;
  for (const file of COMPILED) if ((mtimeMs(file) ?? 0) > bundle.mtimeMs) return undefined;
  return bundle;
}

/**
 * Runs the bundle (a CommonJS module) and returns its exports and the compiled script, whose
 * `createCachedData()` the build writes with `writeCodeCache`. `useCache: false` compiles from source.
 */
export function loadBundle(bundleStat, { useCache = true } = {}) {
  // The build makes the bundle ASCII (see ../esbuild.mjs), which reads as Latin-1 far faster than as UTF-8.
  const bytes = fs.readFileSync(BUNDLE);
  const source = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
  let cachedData;
  if (useCache) {
    try {
      const cache = fs.readFileSync(CODE_CACHE);
      if (cache.subarray(0, HEADER_BYTES).toString('latin1') === stamp(bundleStat)) cachedData = cache.subarray(HEADER_BYTES);
    } catch {
      // No cache (or unreadable): compile from source.
    }
  }
  // The same wrapper as Node's CommonJS loader, so the bundle sees the usual module variables.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: BUNDLE,
    cachedData,
    // Lets an import() left in the bundle load modules as the main context does (rather than throw).
    importModuleDynamically: vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(BUNDLE), module, BUNDLE, path.dirname(BUNDLE));
  return { exports: module.exports, script };
}

/** Writes the code cache of a script that `loadBundle` compiled, stamped with the bundle it belongs to. */
export function writeCodeCache(script, bundleStat) {
  fs.writeFileSync(CODE_CACHE, Buffer.concat([Buffer.from(stamp(bundleStat), 'latin1'), script.createCachedData()]));
}
