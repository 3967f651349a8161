#!/usr/bin/env node
// The caserec command. The polyfill comes first so that Langium's parser runs on Node 20 as well.
import '@caserec/language/polyfill';
// A reader that stops early (`caserec validate … | head`) closes the pipe: stop quietly, as other tools do.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
const { main } = await import('../out/main.js');
process.exitCode = await main(process.argv.slice(2));
