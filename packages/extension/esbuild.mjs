// Builds the extension: the language assets (snippets and TextMate grammar, generated from the language), then
// two CommonJS bundles: out/extension.cjs (the client; `vscode` is provided by the editor) and out/server.cjs
// (the language server, packages/language/src/lsp/main.ts, with everything it needs). The bundles carry all
// their dependencies, so the .vsix ships no node_modules. Minified and without source maps by default (the
// .vsix); `--dev` gives readable bundles with source maps, `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateGrammar, generateSnippets } from './scripts/generate-assets.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const dev = process.argv.includes('--dev');
const watch = process.argv.includes('--watch');

await generateSnippets();
await generateGrammar();

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: !dev,
  sourcemap: dev,
  sourcesContent: false,
  legalComments: 'none',
  logLevel: 'warning',
  absWorkingDir: here,
  external: ['vscode'],
};

const builds = [
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'out/extension.cjs' },
  { ...common, entryPoints: ['../language/src/lsp/main.ts'], outfile: 'out/server.cjs' },
];

if (watch) {
  const contexts = await Promise.all(builds.map((options) => esbuild.context(options)));
  await Promise.all(contexts.map((context) => context.watch()));
  console.log('caserec: watching the extension and the server');
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
  console.log(`caserec: built out/extension.cjs and out/server.cjs (${dev ? 'dev' : 'minified'})`);
}
