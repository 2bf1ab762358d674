/**
 * The kernel's record of one cross-node attempt, read from the files cluster-lib.sh's
 * hkc_attempt left: per-node nft traces, the underlay and client captures, conntrack -L, the
 * receivers' logs, the client's result.
 *
 * Which trace events belong to the request: the lab traces every IPv4 packet of every node,
 * so the request's packets are picked by IP id.
 *   - The inner packet keeps its IP id end to end (NAT, forwarding and encapsulation leave it
 *     alone): the first traced packet with the case's protocol, source port, destination and
 *     port (TCP: the SYN) gives it, and on every node the packets with that id (TCP: SYN only)
 *     are the request.
 *   - A VXLAN datagram is a packet of its own with its own id; tcpdump on the underlay shows
 *     which datagram carries the request (inner IP id), and its outer id, source and
 *     destination pick its events (OUTPUT/POSTROUTING on the sender, PREROUTING/INPUT on the
 *     receiver) from the traces.
 * A "packet:" line decides for the lines of its trace id that follow it (as lib.sh's
 * lab_trace_select_packets does). Traced rules are mapped from their nft handle to their
 * position in the chain (`nft -a list ruleset` of the same state) and then to the `-A` line of
 * the node's iptables-save dump, as lib.sh's lab_trace_map does.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rejectKindOf } from '../harness/lab';
import { LISTENERS, NODES, VXLAN_PORT, isNode } from './topology';
import type { ClusterCase, CtTuple, Endpoint4, Frame, KernelObservation, Outcome, Proto } from './types';

export class LabError extends Error {}

function read(path: string): string {
  return existsSync(path) ? readFileSync(path, 'utf8') : '';
}

// --- nft trace -------------------------------------------------------------------------------

export interface TracePacket {
  iif?: string;
  oif?: string;
  saddr?: string;
  daddr?: string;
  ipid?: number;
  proto?: string;
  sport?: number;
  dport?: number;
  flags?: string;
}

export interface TraceEvent {
  tid: string;
  table: string;
  chain: string;
  kind: string;
  rest: string;
  pkt?: TracePacket;
  handle?: number;
  verdict?: string;
}

export function parseTrace(text: string): TraceEvent[] {
  const out: TraceEvent[] = [];
  for (const line of text.split('\n')) {
    const m = /^trace id (\S+) ip (\S+) (\S+) (\S+)(.*)$/.exec(line);
    if (!m) continue;
    const e: TraceEvent = { tid: m[1]!, table: m[2]!, chain: m[3]!, kind: m[4]!.replace(/:$/, ''), rest: m[5]!.trim() };
    // A monitor started before the rules were (re)loaded does not know them: it prints
    // "unknown rule handle N (verdict ...)" -- or, when N was the handle of an older rule, that
    // older rule's text. Only the handle is used, mapped against `nft -a list ruleset` taken
    // in the same state as the iptables-save dump.
    if (e.kind === 'unknown' && /^rule handle \d+/.test(e.rest)) e.kind = 'rule';
    if (e.kind === 'packet') {
      const r = e.rest;
      const get = (re: RegExp) => re.exec(r)?.[1];
      const l4 = /\b(tcp|udp) sport (\d+)/.exec(r);
      const pkt: TracePacket = {};
      const iif = get(/\biif "([^"]+)"/);
      const oif = get(/\boif "([^"]+)"/);
      if (iif) pkt.iif = iif;
      if (oif) pkt.oif = oif;
      pkt.saddr = get(/\bip saddr (\S+)/);
      pkt.daddr = get(/\bip daddr (\S+)/);
      const id = get(/\bip id (\d+)/);
      if (id !== undefined) pkt.ipid = Number(id);
      pkt.proto = l4?.[1] ?? get(/\bip protocol (\S+)/) ?? (/\bicmp /.test(r) ? 'icmp' : undefined);
      if (l4) pkt.sport = Number(l4[2]);
      const dp = /\b(?:tcp|udp) dport (\d+)/.exec(r);
      if (dp) pkt.dport = Number(dp[1]);
      const fl = /\btcp flags == (\([^)]*\)|\S+)/.exec(r);
      if (fl) pkt.flags = fl[1];
      e.pkt = pkt;
    } else if (e.kind === 'rule') {
      const h = /(?:# handle|^rule handle) (\d+)/.exec(e.rest);
      if (h) e.handle = Number(h[1]);
      const v = /\(verdict ([^)]*)\)\s*$/.exec(e.rest);
      if (v) e.verdict = v[1];
    }
    out.push(e);
  }
  return out;
}

const isSyn = (p: TracePacket) => p.flags === 'syn';
const isSynAck = (p: TracePacket) => p.flags === '0x12' || p.flags === '(syn | ack)' || p.flags === 'syn | ack';

/** `nft -a list ruleset` → "table chain handle" → position of the rule in its chain (1-based). */
export function parseHandles(text: string): Map<string, number> {
  const pos = new Map<string, number>();
  let table = '';
  let chain = '';
  let n = 0;
  for (const line of text.split('\n')) {
    const t = /^table ip (\S+) \{/.exec(line);
    if (t) { table = t[1]!; chain = ''; continue; }
    if (/^table /.test(line)) { table = ''; chain = ''; continue; }
    const c = /^\tchain (\S+) \{/.exec(line);
    if (c) { chain = c[1]!; n = 0; continue; }
    if (!table || !chain || !/^\t\t/.test(line) || /^\t\t(type|policy) /.test(line)) continue;
    const h = /# handle (\d+)$/.exec(line);
    if (!h) continue;
    n++;
    pos.set(`${table} ${chain} ${h[1]}`, n);
  }
  return pos;
}

/** iptables-save → "table chain position" → its `-A` line (number and text). */
export function parseSave(text: string): Map<string, { line: number; text: string }> {
  const map = new Map<string, { line: number; text: string }>();
  const count = new Map<string, number>();
  let table = '';
  text.split('\n').forEach((l, i) => {
    if (l.startsWith('*')) { table = l.slice(1).trim(); count.clear(); return; }
    const m = /^-A (\S+) /.exec(l);
    if (!m) return;
    const k = `${table} ${m[1]}`;
    const n = (count.get(k) ?? 0) + 1;
    count.set(k, n);
    map.set(`${k} ${n}`, { line: i + 1, text: l });
  });
  return map;
}

// --- tcpdump -----------------------------------------------------------------------------------

export interface UnderlayRecord {
  outer: { src: string; sport: number | null; dst: string; dport: number | null; id: number; proto: string };
  vni: number | null;
  inner: { src: string; sport: number | null; dst: string; dport: number | null; id: number; proto: string; flags: string | null } | null;
  flags: string | null;
}

function splitAddr(a: string): { ip: string; port: number | null } {
  const parts = a.split('.');
  if (parts.length === 5) return { ip: parts.slice(0, 4).join('.'), port: Number(parts[4]) };
  return { ip: a, port: null };
}

/** `tcpdump -r PCAP -nn -v -T vxlan` → one record per frame, inner headers of VXLAN frames included. */
export function parseUnderlay(text: string): UnderlayRecord[] {
  const out: UnderlayRecord[] = [];
  let cur: UnderlayRecord | null = null;
  let pending: { id: number; proto: string; inner: boolean } | null = null;
  for (const line of text.split('\n')) {
    const h = /^(\d[\d:.]* )?IP \(tos [^)]*\bid (\d+),.*\bproto (\w+) \(\d+\)/.exec(line);
    if (h) {
      pending = { id: Number(h[2]), proto: h[3]!.toLowerCase(), inner: !h[1] };
      continue;
    }
    const a = /^\s+(\d+\.\d+\.\d+\.\d+(?:\.\d+)?) > (\d+\.\d+\.\d+\.\d+(?:\.\d+)?): (.*)$/.exec(line);
    if (!a || !pending) continue;
    const s = splitAddr(a[1]!);
    const d = splitAddr(a[2]!);
    const fl = /Flags \[([^\]]*)\]/.exec(a[3]!)?.[1] ?? null;
    if (!pending.inner || !cur) {
      const vni = /VXLAN, flags \[I\] \(0x08\), vni (\d+)/.exec(a[3]!);
      cur = {
        outer: { src: s.ip, sport: s.port, dst: d.ip, dport: d.port, id: pending.id, proto: pending.proto },
        vni: vni ? Number(vni[1]) : null,
        inner: null,
        flags: fl,
      };
      out.push(cur);
    } else {
      cur.inner = { src: s.ip, sport: s.port, dst: d.ip, dport: d.port, id: pending.id, proto: pending.proto, flags: fl };
    }
    pending = null;
  }
  return out;
}

export interface CaptureLine {
  src: string;
  sport: number | null;
  dst: string;
  dport: number | null;
  rest: string;
  raw: string;
}

/** `tcpdump -r PCAP -nn` (also `-i any` lines with interface and direction) → one line per packet. */
export function parseCapture(text: string): CaptureLine[] {
  const out: CaptureLine[] = [];
  for (const raw of text.split('\n')) {
    const m = / IP (\d+\.\d+\.\d+\.\d+(?:\.\d+)?) > (\d+\.\d+\.\d+\.\d+(?:\.\d+)?): (.*)$/.exec(raw);
    if (!m) continue;
    const s = splitAddr(m[1]!);
    const d = splitAddr(m[2]!);
    out.push({ src: s.ip, sport: s.port, dst: d.ip, dport: d.port, rest: m[3]!, raw });
  }
  return out;
}

// --- conntrack --------------------------------------------------------------------------------

/** `conntrack -L` → the TCP and UDP entries (the lab's probes to 127.0.0.1 left out). */
export function parseConntrack(text: string): CtTuple[] {
  const out: CtTuple[] = [];
  for (const line of text.split('\n')) {
    const p = /^(tcp|udp)\s/.exec(line)?.[1] as Proto | undefined;
    if (!p) continue;
    const v = (key: string) => [...line.matchAll(new RegExp(`\\b${key}=(\\S+)`, 'g'))].map((m) => m[1]!);
    const [s1, s2] = v('src');
    const [d1, d2] = v('dst');
    const [sp1, sp2] = v('sport');
    const [dp1, dp2] = v('dport');
    if (!s1 || !s2 || !d1 || !d2 || !sp1 || !sp2 || !dp1 || !dp2) continue;
    if (d1 === '127.0.0.1') continue;
    out.push({
      proto: p,
      orig: { src: s1, sport: Number(sp1), dst: d1, dport: Number(dp1) },
      reply: { src: s2, sport: Number(sp2), dst: d2, dport: Number(dp2) },
    });
  }
  return out;
}

// --- one attempt ------------------------------------------------------------------------------

function parseEndpoint(text: string): { ip: string; port: number } {
  const i = text.lastIndexOf(':');
  return { ip: text.slice(0, i).replace(/^::ffff:/, ''), port: Number(text.slice(i + 1)) };
}

const fmtPkt = (p: TracePacket) =>
  `${p.proto ?? '?'} ${p.saddr ?? '?'}${p.sport !== undefined ? `:${p.sport}` : ''} > ${p.daddr ?? '?'}${p.dport !== undefined ? `:${p.dport}` : ''}${p.flags ? ` flags ${p.flags}` : ''}${p.ipid !== undefined ? ` id ${p.ipid}` : ''}`;

interface Selection {
  rules: string[];
  texts: string[];
  path: string[];
  /** The output interfaces the selected packets had in POSTROUTING (every base chain there prints them). */
  postrouting: string[];
}

/** The rules (and hooks) of the selected packets of one node's trace, mapped to iptables-save lines. */
function selectOnNode(events: TraceEvent[], keepPacket: (p: TracePacket) => boolean, handles: Map<string, number>, save: Map<string, { line: number; text: string }>, node: string): Selection {
  const keep = new Map<string, boolean>();
  const sel: Selection = { rules: [], texts: [], path: [], postrouting: [] };
  for (const e of events) {
    if (e.kind === 'packet') {
      keep.set(e.tid, !!e.pkt && keepPacket(e.pkt));
      if (keep.get(e.tid) && e.chain === 'POSTROUTING' && e.pkt?.oif && !sel.postrouting.includes(e.pkt.oif)) sel.postrouting.push(e.pkt.oif);
      if (keep.get(e.tid) && e.table === 'mangle' && e.pkt) {
        const io = `${e.pkt.iif ? `iif ${e.pkt.iif}` : ''}${e.pkt.iif && e.pkt.oif ? ' ' : ''}${e.pkt.oif ? `oif ${e.pkt.oif}` : ''}`;
        sel.path.push(`${e.chain.toLowerCase().padEnd(11)} ${io.padEnd(26)} ${fmtPkt(e.pkt)}`);
      }
      continue;
    }
    if (!keep.get(e.tid) || e.kind !== 'rule' || e.table === 'hopscope_trace') continue;
    const pos = handles.get(`${e.table} ${e.chain} ${e.handle}`);
    const entry = pos !== undefined ? save.get(`${e.table} ${e.chain} ${pos}`) : undefined;
    if (!entry) throw new LabError(`${node}: traced rule not mapped to an iptables-save line: ${e.table} ${e.chain} handle ${e.handle}`);
    sel.rules.push(`${e.chain}:${entry.line}`);
    sel.texts.push(`${e.table} ${e.chain} ${entry.line}: ${entry.text} -> ${e.verdict ?? '?'}`);
  }
  return sel;
}

export function observeKernel(c: ClusterCase, dir: string, dumpsDir: string, attempts: number, seconds: number): KernelObservation {
  const s = c.send;
  const client = JSON.parse(read(join(dir, 'client.json')) || '{}') as KernelObservation['client'];

  // What the receivers got.
  let at: string | null = null;
  let seen: Endpoint4 | null = null;
  for (const line of read(join(dir, 'arrivals.txt')).split('\n')) {
    if (!line.startsWith('{"name"')) continue;
    const e = JSON.parse(line) as { name: string; local: string; peer: string };
    if (at) throw new LabError(`more than one arrival (${at} and ${e.name}) in ${dir}`);
    const local = parseEndpoint(e.local);
    const peer = parseEndpoint(e.peer);
    at = e.name;
    seen = { src: peer.ip, sport: peer.port, dst: local.ip, dport: local.port };
  }
  if (at && !LISTENERS.some((l) => l.role === at)) throw new LabError(`arrival at unknown receiver ${at}`);

  // What came back to the client.
  const toClient = parseCapture(read(join(dir, 'client.txt'))).filter((l) => l.dport === s.sport || /ICMP /.test(l.rest));
  const rejectWith = rejectKindOf(toClient.map((l) => l.raw));
  const outcome: Outcome = at ? 'delivered' : rejectWith ? 'rejected' : 'dropped';
  // The reply as the client got it: tcpdump on a pod's or the outside client's eth0. A node's own
  // socket gets it after the node's conntrack undid the NAT inside the stack, which no capture
  // point shows: there the evidence is the socket itself -- a connected TCP/UDP socket accepts
  // only a reply from exactly the address and port it sent to, at its own address and port.
  let reply: Endpoint4 | null = null;
  if (isNode(s.from)) {
    const ok = client.result === 'connected' || client.result === 'replied';
    const local = client.local ? parseEndpoint(client.local) : null;
    if (ok && local) reply = { src: s.dst, sport: s.dport, dst: local.ip, dport: local.port };
  } else {
    const l = toClient.find((x) => x.dport === s.sport && !/ICMP/.test(x.rest) && (s.proto === 'udp' || /Flags \[S\.\]/.test(x.rest)));
    if (l && l.sport !== null && l.dport !== null) reply = { src: l.src, sport: l.sport, dst: l.dst, dport: l.dport };
  }

  // The traces, and the request's IP id.
  const traces: Record<string, TraceEvent[]> = {};
  for (const n of NODES) traces[n.name] = parseTrace(read(join(dir, `${n.name}.trace`)));
  const isRequest = (p: TracePacket) =>
    p.proto === s.proto && p.sport === s.sport && p.daddr === s.dst && p.dport === s.dport && (!s.src || p.saddr === s.src) && (s.proto !== 'tcp' || isSyn(p));
  let reqId: number | undefined;
  for (const n of NODES) {
    const e = traces[n.name]!.find((x) => x.kind === 'packet' && x.pkt && isRequest(x.pkt));
    if (e) { reqId = e.pkt!.ipid; break; }
  }
  if (reqId === undefined) throw new LabError(`the request packet is in no node's nft trace (files in ${dir})`);

  // The request on the underlay.
  const records = parseUnderlay(read(join(dir, 'underlay.txt')));
  const reqRecords = records.filter((r) => {
    const p = r.vni !== null && r.inner ? r.inner : r.outer;
    return p.id === reqId && p.proto === s.proto && (s.proto !== 'tcp' || (r.vni !== null && r.inner ? r.inner.flags : r.flags) === 'S');
  });
  const frames: Frame[] = reqRecords.map((r) => {
    const p = r.vni !== null && r.inner ? r.inner : r.outer;
    return {
      vxlan: r.vni !== null ? { src: r.outer.src, dst: r.outer.dst, dport: r.outer.dport ?? 0, vni: r.vni } : null,
      pkt: { src: p.src, sport: p.sport ?? 0, dst: p.dst, dport: p.dport ?? 0 },
    };
  });
  const outerKey = (src: string | undefined, dst: string | undefined, id: number | undefined) => `${src} ${dst} ${id}`;
  const reqOuter = new Set(reqRecords.filter((r) => r.vni !== null).map((r) => outerKey(r.outer.src, r.outer.dst, r.outer.id)));
  const isVxlan = (p: TracePacket) => p.proto === 'udp' && p.dport === VXLAN_PORT;
  const keepRequest = (p: TracePacket) =>
    isVxlan(p) ? reqOuter.has(outerKey(p.saddr, p.daddr, p.ipid)) : p.ipid === reqId && p.proto === s.proto && (s.proto !== 'tcp' || isSyn(p));

  // The reply: TCP its SYN-ACK (flags), UDP the datagram the receiver sent back (IP id).
  let keepReply: ((p: TracePacket) => boolean) | null = null;
  if (at && seen) {
    let repOuter = new Set<string>();
    if (s.proto === 'tcp') {
      repOuter = new Set(records.filter((r) => r.vni !== null && r.inner?.flags === 'S.').map((r) => outerKey(r.outer.src, r.outer.dst, r.outer.id)));
      keepReply = (p) => (isVxlan(p) ? repOuter.has(outerKey(p.saddr, p.daddr, p.ipid)) : p.proto === 'tcp' && isSynAck(p));
    } else {
      const sent = (p: TracePacket) => p.proto === 'udp' && p.saddr === seen!.dst && p.sport === seen!.dport && p.daddr === seen!.src && p.dport === seen!.sport;
      let repId: number | undefined;
      for (const n of NODES) {
        const e = traces[n.name]!.find((x) => x.kind === 'packet' && x.pkt && sent(x.pkt));
        if (e) { repId = e.pkt!.ipid; break; }
      }
      if (repId !== undefined) {
        repOuter = new Set(records.filter((r) => r.vni !== null && r.inner?.id === repId && r.inner.proto === 'udp').map((r) => outerKey(r.outer.src, r.outer.dst, r.outer.id)));
        keepReply = (p) => (isVxlan(p) ? repOuter.has(outerKey(p.saddr, p.daddr, p.ipid)) : p.proto === 'udp' && p.ipid === repId);
      }
    }
  }

  const rules: Record<string, string[]> = {};
  const ruleTexts: Record<string, string[]> = {};
  const path: Record<string, string[]> = {};
  const replyRules: Record<string, string[]> = {};
  const postrouting: Record<string, string[]> = {};
  const replyPostrouting: Record<string, string[]> = {};
  const conntrack: Record<string, CtTuple[]> = {};
  for (const n of NODES) {
    const handles = parseHandles(read(join(dumpsDir, n.name, 'nft-handles.txt')));
    const save = parseSave(read(join(dumpsDir, n.name, 'iptables-save.txt')));
    const req = selectOnNode(traces[n.name]!, keepRequest, handles, save, n.name);
    rules[n.name] = req.rules;
    ruleTexts[n.name] = req.texts;
    path[n.name] = req.path;
    postrouting[n.name] = req.postrouting;
    if (keepReply) {
      const rep = selectOnNode(traces[n.name]!, keepReply, handles, save, n.name);
      replyRules[n.name] = rep.rules;
      replyPostrouting[n.name] = rep.postrouting;
    }
    conntrack[n.name] = parseConntrack(read(join(dir, `${n.name}.conntrack`)));
  }
  return { outcome, at, seen, rejectWith, rules, ruleTexts, path, replyRules, postrouting, replyPostrouting, frames, reply, conntrack, client, attempts, dir, dumpsDir, seconds };
}
