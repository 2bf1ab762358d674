/**
 * Kernel vs engine for a cross-node case. The kernel is the judge; every difference is a
 * disagreement with both sides written out. Compared, for the request:
 *   - the outcome (delivered / dropped / rejected) and which namespace got it;
 *   - per node, the rules that matched, in order, as CHAIN:LINE of that node's iptables-save
 *     (inner packet and the VXLAN datagrams carrying it; the kernel's trace also prints base
 *     chains entered and policies, which are not rules);
 *   - the request's frames on the underlay, in order: plain frames by addresses and ports,
 *     VXLAN frames by outer source, destination, UDP destination port and VNI and by the inner
 *     addresses and ports (tcpdump) against the engine's encap hops. The outer UDP SOURCE port
 *     is a flow hash and never compared;
 *   - when delivered: the address and port the receiver saw (destination; source address, and
 *     source port unless the engine itself calls it random: MASQUERADE --random-fully);
 *   - the reply as the client received it (source and destination) against the engine's reply leg;
 *   - per node, the rules the reply (TCP: the SYN-ACK; UDP: the answer) matched, inner and outer;
 *   - per node, the interface the engine places its POSTROUTING hops at (request and reply legs)
 *     must be one the kernel's trace printed as `oif` for those packets in POSTROUTING: a
 *     forwarded reply leaves by its route's device, not the one it came in on;
 *   - every node's conntrack entries (original and reply tuples) against what the engine's
 *     conntrack hops recorded on that node ("original X, replies expected as Y"), request and
 *     reply legs. Ports the kernel picks at random are masked on both sides: the outer VXLAN
 *     source port, and, when the engine says --random-fully, the port of a masqueraded address.
 */
import { NODES, VXLAN_PORT } from './topology';
import type { CtTuple, Endpoint4, EngineObservation, Frame, KernelObservation } from './types';

const ep = (ip: string, port: number | string) => `${ip}:${port}`;
const pair = (e: Endpoint4, maskSport = false) => `${ep(e.src, maskSport ? '*' : e.sport)} > ${ep(e.dst, e.dport)}`;

function frameText(f: Frame, maskInnerSport: boolean): string {
  const inner = pair(f.pkt, maskInnerSport);
  return f.vxlan ? `vxlan ${f.vxlan.src} > ${f.vxlan.dst}:${f.vxlan.dport} vni ${f.vxlan.vni} [${inner}]` : `plain ${inner}`;
}

/** Addresses the engine masqueraded (their port is random in the kernel when the engine says --random-fully). */
function masqueraded(e: EngineObservation): Set<string> {
  const out = new Set<string>();
  if (!e.randomPort) return out;
  for (const list of Object.values(e.conntrack)) {
    for (const t of list) if (t.reply.dst !== t.orig.src) out.add(t.reply.dst);
  }
  return out;
}

function ctText(t: CtTuple, masq: Set<string>): string {
  const vx = t.proto === 'udp' && t.orig.dport === VXLAN_PORT;
  const port = (ip: string, p: number, hashed: boolean) => (hashed || masq.has(ip) ? '*' : String(p));
  const o = `${ep(t.orig.src, port(t.orig.src, t.orig.sport, vx))} > ${ep(t.orig.dst, port(t.orig.dst, t.orig.dport, false))}`;
  const r = `${ep(t.reply.src, port(t.reply.src, t.reply.sport, false))} > ${ep(t.reply.dst, port(t.reply.dst, t.reply.dport, vx))}`;
  return `${t.proto} ${o} | ${r}`;
}

function multisetDiff(a: string[], b: string[]): { onlyA: string[]; onlyB: string[] } {
  const rest = [...b];
  const onlyA: string[] = [];
  for (const x of a) {
    const i = rest.indexOf(x);
    if (i >= 0) rest.splice(i, 1);
    else onlyA.push(x);
  }
  return { onlyA, onlyB: rest };
}

/** Engine POSTROUTING hops at an interface the kernel's packets did not leave by, per node. */
function postroutingDiffers(leg: string, kernel: Record<string, string[]>, engine: Record<string, string[]>): string[] {
  const d: string[] = [];
  for (const n of NODES) {
    const k = kernel[n.name] ?? [];
    const e = engine[n.name] ?? [];
    const stray = e.filter((i) => !k.includes(i));
    if (stray.length) d.push(`${n.name}: the ${leg}'s POSTROUTING interface differs\n    kernel (trace oif): ${k.join(' ') || '(none)'}\n    engine (hop places): ${e.join(' ')}`);
  }
  return d;
}

export function compare(k: KernelObservation, e: EngineObservation): string[] {
  const d: string[] = [];
  const masq = masqueraded(e);

  if (k.outcome !== e.outcome || (k.outcome === 'delivered' && k.at !== e.at)) {
    d.push(`outcome differs: kernel ${k.outcome}${k.at ? ` at ${k.at}` : ''}, engine ${e.outcome}${e.at ? ` at ${e.at}` : ''} (engine ended: ${e.ending})`);
  }

  for (const n of NODES) {
    const kr = k.rules[n.name] ?? [];
    const er = e.rules[n.name] ?? [];
    if (kr.join(' ') !== er.join(' ')) d.push(`${n.name}: matched rules differ\n    kernel: ${kr.join(' ') || '(none)'}\n    engine: ${er.join(' ') || '(none)'}`);
  }

  const kf = k.frames.map((f) => frameText(f, masq.has(f.pkt.src)));
  const ef = e.frames.map((f) => frameText(f, masq.has(f.pkt.src)));
  if (kf.join('\n') !== ef.join('\n')) {
    d.push(`request frames on the underlay differ (outer UDP source port never compared)\n    kernel (tcpdump): ${kf.join(' ; ') || '(none)'}\n    engine (encap/wire hops): ${ef.join(' ; ') || '(none)'}`);
  }

  if (k.outcome === 'delivered' && e.outcome === 'delivered' && k.seen) {
    const f = e.final;
    if (!f) d.push('the engine has no final packet');
    else {
      if (ep(k.seen.dst, k.seen.dport) !== ep(f.dst, f.dport)) d.push(`delivered destination differs: receiver saw ${ep(k.seen.dst, k.seen.dport)}, engine ${ep(f.dst, f.dport)}`);
      if (k.seen.src !== f.src || (!e.randomPort && k.seen.sport !== f.sport)) {
        d.push(`delivered source differs: receiver saw ${ep(k.seen.src, k.seen.sport)}, engine ${ep(f.src, f.sport)}${e.randomPort ? ' (port not compared: --random-fully)' : ''}`);
      }
    }
  }

  if (k.reply || e.reply?.outcome === 'delivered') {
    const er = e.reply?.outcome === 'delivered' ? e.reply.final : null;
    if (!k.reply) d.push(`reply: the client got none; the engine delivers one (${er ? pair(er) : '?'})`);
    else if (!er) d.push(`reply: the client got ${pair(k.reply)}; the engine's reply leg ends ${e.reply ? e.reply.outcome : '(no reply leg)'}`);
    else if (pair(k.reply) !== pair(er)) d.push(`reply differs: client received ${pair(k.reply)}, engine's reply leg ends with ${pair(er)}`);
  }

  for (const n of NODES) {
    const kc = (k.conntrack[n.name] ?? []).map((t) => ctText(t, masq)).sort();
    const ec = (e.conntrack[n.name] ?? []).map((t) => ctText(t, masq)).sort();
    const { onlyA, onlyB } = multisetDiff(kc, ec);
    if (onlyA.length || onlyB.length) {
      d.push(`${n.name}: conntrack differs (orig | reply; * = random port)\n    kernel: ${kc.join(' ; ') || '(none)'}\n    engine: ${ec.join(' ; ') || '(none)'}`);
    }
  }

  if (k.reply && e.reply?.outcome === 'delivered') {
    for (const n of NODES) {
      const kr = k.replyRules[n.name] ?? [];
      const er = e.replyRules[n.name] ?? [];
      if (kr.join(' ') !== er.join(' ')) d.push(`${n.name}: the reply's matched rules differ\n    kernel: ${kr.join(' ') || '(none)'}\n    engine: ${er.join(' ') || '(none)'}`);
    }
  }
  if (k.outcome === 'delivered' && e.outcome === 'delivered') d.push(...postroutingDiffers('request', k.postrouting, e.postrouting));
  if (k.reply && e.reply?.outcome === 'delivered') d.push(...postroutingDiffers('reply', k.replyPostrouting, e.replyPostrouting));
  if (e.errors.length) d.push(`engine diagnostics (errors) on the real dumps:\n    ${e.errors.join('\n    ')}`);
  return d;
}
