// The no-network guard: replaces the ways a Node process opens a connection or resolves a name with functions
// that record the call and throw. Case records must never leave the machine, so any call is a failure.
//   import { installNoNetwork, networkCalls } from './no-network.mjs'   (the fuzzer and its workers)
//   node --import ./scripts/fuzz/no-network.mjs …                       (a CLI process: installs itself and
//                                                                        reports a call on stderr)
import dns from 'node:dns';
import net from 'node:net';
import tls from 'node:tls';
import http from 'node:http';
import https from 'node:https';
import dgram from 'node:dgram';

export const NETWORK_MARKER = 'caserec-fuzz: NETWORK CALL ATTEMPTED';
const calls = [];
let restore;

export function networkCalls() {
  return calls.slice();
}

/** Puts back what installNoNetwork replaced (for test runners that share the process with other tests). */
export function uninstallNoNetwork() {
  restore?.();
  restore = undefined;
}

export function installNoNetwork({ report = false } = {}) {
  if (restore) return;
  // prettier-ignore
  const saved = [
    [net.Socket.prototype, 'connect'], [net, 'connect'], [net, 'createConnection'], [tls, 'connect'], [dns, 'lookup'],
    [dns, 'resolve'], [dns, 'resolve4'], [dns, 'resolve6'], [dns.promises, 'lookup'], [dns.promises, 'resolve'],
    [http, 'request'], [http, 'get'], [https, 'request'], [https, 'get'], [dgram, 'createSocket'], [globalThis, 'fetch'],
  ].map(([target, key]) => [target, key, target[key]]);
  restore = () => {
    for (const [target, key, value] of saved) target[key] = value;
  };
  const guard = (name) =>
    function blocked() {
      const stack = new Error().stack?.split('\n').slice(2, 8).join('\n') ?? '';
      calls.push({ name, stack });
      if (report) process.stderr.write(`${NETWORK_MARKER}: ${name}\n${stack}\n`);
      throw new Error(`${name}: network access is not allowed here`);
    };
  net.Socket.prototype.connect = guard('net.Socket.prototype.connect');
  net.connect = guard('net.connect');
  net.createConnection = guard('net.createConnection');
  tls.connect = guard('tls.connect');
  dns.lookup = guard('dns.lookup');
  dns.resolve = guard('dns.resolve');
  dns.resolve4 = guard('dns.resolve4');
  dns.resolve6 = guard('dns.resolve6');
  dns.promises.lookup = guard('dns.promises.lookup');
  dns.promises.resolve = guard('dns.promises.resolve');
  http.request = guard('http.request');
  http.get = guard('http.get');
  https.request = guard('https.request');
  https.get = guard('https.get');
  dgram.createSocket = guard('dgram.createSocket');
  if (typeof globalThis.fetch === 'function') globalThis.fetch = guard('fetch');
}

if (process.env.CASEREC_FUZZ_NO_NETWORK === '1') installNoNetwork({ report: true });
