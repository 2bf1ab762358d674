#!/usr/bin/env node
// Hopscope kernel lab agent: the traffic end points of the kernel conformance suite, run
// inside a network namespace with `ip netns exec NS node kernel-agent.mjs MODE ...`.
// Node instead of python/nc so that the suite needs nothing beyond node and the apt tools.
//
//   serve NAME SPEC...                 listen on each SPEC (tcp:PORT or udp:PORT), on every
//                                      address; print "listening", then one JSON line per
//                                      connection or datagram: {name, proto, local, peer}.
//                                      TCP answers "NAME\n" and closes first (the client never
//                                      sits in TIME_WAIT); UDP answers "NAME\n".
//   connect PROTO SRC SPORT DST DPORT TIMEOUT_MS
//                                      one connection / datagram from SRC:SPORT (SRC "-" lets
//                                      the kernel pick); prints one JSON result:
//                                      {result: connected|replied|refused|unreachable|reset|timeout|error, code, reply}
//   many PROTO DST DPORT N TIMEOUT_MS  N TCP connections from ephemeral ports, one after the
//                                      other; prints {counts: {NAME: n}, failures}.
import dgram from 'node:dgram';
import net from 'node:net';
import os from 'node:os';
import { clearTimeout, setTimeout } from 'node:timers';

const [mode, ...args] = process.argv.slice(2);

function out(obj) {
  process.stdout.write(`${JSON.stringify(obj)}\n`);
}

function ipv4Addresses() {
  const all = [];
  for (const list of Object.values(os.networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' || a.family === 4) all.push(a.address);
  }
  return all;
}

async function serve(name, specs) {
  const pending = [];
  for (const spec of specs) {
    const [proto, portText] = spec.split(':');
    const port = Number(portText);
    if (proto === 'tcp') {
      const server = net.createServer((sock) => {
        out({ name, proto: 'tcp', local: `${sock.localAddress}:${sock.localPort}`, peer: `${sock.remoteAddress}:${sock.remotePort}` });
        sock.on('error', () => {});
        sock.end(`${name}\n`);
      });
      pending.push(new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen({ port, host: '0.0.0.0', backlog: 512 }, resolve);
      }));
    } else if (proto === 'udp') {
      // One socket per local address: the socket that receives tells which address the
      // datagram was sent to (node's dgram has no IP_PKTINFO).
      for (const address of ipv4Addresses()) {
        const sock = dgram.createSocket('udp4');
        sock.on('message', (msg, rinfo) => {
          out({ name, proto: 'udp', local: `${address}:${port}`, peer: `${rinfo.address}:${rinfo.port}` });
          sock.send(`${name}\n`, rinfo.port, rinfo.address);
        });
        pending.push(new Promise((resolve, reject) => {
          sock.once('error', reject);
          sock.bind({ port, address }, resolve);
        }));
      }
    } else {
      throw new Error(`bad listen spec ${spec}`);
    }
  }
  await Promise.all(pending);
  out({ listening: true });
}

const ERRNO_RESULT = {
  ECONNREFUSED: 'refused',
  EHOSTUNREACH: 'unreachable',
  ENETUNREACH: 'unreachable',
  EACCES: 'unreachable',
  EPERM: 'unreachable',
  ECONNRESET: 'reset',
};

function connectTcp(src, sport, dst, dport, timeoutMs) {
  return new Promise((resolve) => {
    const opts = { host: dst, port: dport };
    if (src) opts.localAddress = src;
    if (sport) opts.localPort = sport;
    const sock = net.connect(opts);
    let reply = '';
    let connected = false;
    let local = null;
    let done = false;
    const finish = (r) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sock.destroy();
      resolve({ ...r, local });
    };
    const timer = setTimeout(() => finish({ result: connected ? 'connected' : 'timeout', code: null, reply }), timeoutMs);
    sock.on('connect', () => {
      connected = true;
      local = `${sock.localAddress}:${sock.localPort}`;
    });
    sock.on('data', (d) => { reply += d.toString(); });
    sock.on('end', () => finish({ result: 'connected', code: null, reply }));
    sock.on('error', (e) => finish({ result: connected ? 'connected' : ERRNO_RESULT[e.code] ?? 'error', code: e.code ?? String(e), reply }));
  });
}

function connectUdp(src, sport, dst, dport, timeoutMs) {
  return new Promise((resolve) => {
    const sock = dgram.createSocket('udp4');
    let done = false;
    const finish = (r) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      let local = null;
      try { const a = sock.address(); local = `${a.address}:${a.port}`; } catch { /* closed */ }
      sock.close();
      resolve({ ...r, local });
    };
    const timer = setTimeout(() => finish({ result: 'timeout', code: null, reply: '' }), timeoutMs);
    sock.on('error', (e) => finish({ result: ERRNO_RESULT[e.code] ?? 'error', code: e.code ?? String(e), reply: '' }));
    sock.on('message', (m) => finish({ result: 'replied', code: null, reply: m.toString() }));
    sock.bind({ port: sport || 0, address: src || undefined }, () => {
      sock.connect(dport, dst, (err) => {
        if (err) return finish({ result: 'error', code: err.code ?? String(err), reply: '' });
        sock.send('ping\n', (e) => { if (e) finish({ result: ERRNO_RESULT[e.code] ?? 'error', code: e.code, reply: '' }); });
      });
    });
  });
}

async function main() {
  if (mode === 'serve') {
    const [name, ...specs] = args;
    await serve(name, specs);
    return; // keeps running until killed
  }
  if (mode === 'connect') {
    const [proto, src, sport, dst, dport, timeoutMs] = args;
    const s = src === '-' ? null : src;
    const r = proto === 'udp'
      ? await connectUdp(s, Number(sport), dst, Number(dport), Number(timeoutMs))
      : await connectTcp(s, Number(sport), dst, Number(dport), Number(timeoutMs));
    out(r);
    process.exit(0);
  }
  if (mode === 'many') {
    const [proto, dst, dport, n, timeoutMs] = args;
    if (proto !== 'tcp') throw new Error('many: tcp only');
    const counts = {};
    let failures = 0;
    for (let i = 0; i < Number(n); i++) {
      const r = await connectTcp(null, 0, dst, Number(dport), Number(timeoutMs));
      const who = r.reply.trim();
      if (r.result === 'connected' && who) counts[who] = (counts[who] ?? 0) + 1;
      else failures++;
    }
    out({ counts, failures });
    process.exit(0);
  }
  process.stderr.write('usage: kernel-agent.mjs serve NAME SPEC... | connect PROTO SRC SPORT DST DPORT TIMEOUT_MS | many tcp DST DPORT N TIMEOUT_MS\n');
  process.exit(2);
}

main().catch((e) => {
  process.stderr.write(`kernel-agent: ${e?.stack ?? e}\n`);
  process.exit(1);
});
