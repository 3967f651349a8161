#!/usr/bin/env node
// The caserec command. The polyfill comes first so that Langium's parser runs on Node 20 as well.
import '@caserec/language/polyfill';
const { main } = await import('../out/main.js');
process.exitCode = await main(process.argv.slice(2));
