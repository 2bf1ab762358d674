/**
 * An index of a long chain (kube-proxy's KUBE-SERVICES has one rule per Service port, its
 * KUBE-NODEPORTS one per NodePort): which rules can match a packet to a given destination
 * address or port. The walk asks it for the next candidate at or after a position and
 * evaluates only candidates, so first-match order is kept; a rule the index cannot reason
 * about is a candidate for every packet.
 *
 * A rule is keyed when it has a plain `-d ADDR/32` (key: the address) or else a plain single
 * `--dport` of a tcp/udp match (key: the port), and every match before that one is a match
 * that decides without side effects or assumptions (basic matches, `comment`, tcp/udp port
 * options). A keyed rule whose key differs from the packet's fails at that match in any case;
 * skipping it changes nothing but the list of rules the trace shows as evaluated. Rules with
 * a `statistic` match are never keyed, because their presence starts kube-proxy's branch.
 */
import type { Chain, Match, Rule } from '../formats/iptables/types';
import type { Packet } from '../trace/packet';
import { parsePortRange } from './modules/ports';

/** Shorter chains are scanned: building an index would cost more than it saves. */
export const INDEX_MIN_RULES = 64;

export interface ChainIndex {
  /** Positions (0-based, ascending) of rules keyed by destination address (32-bit number). */
  byDst: Map<number, number[]>;
  /** Positions of rules keyed by destination port. */
  byPort: Map<number, number[]>;
  /** Positions of rules every packet must try. */
  always: number[];
}

const SAFE_PORT_OPTIONS = new Set(['dport', 'sport', 'destination-port', 'source-port']);

/** Whether a match decides without assumptions: what the index may skip past. */
function isPlain(m: Match): boolean {
  if (m.kind !== 'module') return true;
  if (m.module === 'comment') return true;
  if (m.module !== 'tcp' && m.module !== 'udp') return false;
  return m.options.every((o) => SAFE_PORT_OPTIONS.has(o.name) && o.args.length === 1 && parsePortRange(o.args[0]!) !== null);
}

type Key = { kind: 'dst'; addr: number } | { kind: 'port'; port: number } | null;

function keyOf(rule: Rule): Key {
  if (rule.matches.some((m) => m.kind === 'module' && m.module === 'statistic')) return null;
  let port: Key = null;
  for (const m of rule.matches) {
    if (m.kind === 'dst') {
      if (!m.negate && m.net.mask >>> 0 === 0xffffffff) return { kind: 'dst', addr: m.net.addr >>> 0 };
    }
    if (!port && m.kind === 'module' && (m.module === 'tcp' || m.module === 'udp')) {
      const dport = m.options.find((o) => o.name === 'dport' || o.name === 'destination-port');
      const arg = dport && !dport.negate && dport.args.length === 1 ? dport.args[0]! : '';
      if (/^\d{1,5}$/.test(arg) && isPlain(m)) port = { kind: 'port', port: Number(arg) };
    }
    if (!isPlain(m)) return port;
  }
  return port;
}

function push(map: Map<number, number[]>, key: number, position: number): void {
  const list = map.get(key);
  if (list) list.push(position);
  else map.set(key, [position]);
}

export function buildChainIndex(chain: Chain): ChainIndex {
  const index: ChainIndex = { byDst: new Map(), byPort: new Map(), always: [] };
  chain.rules.forEach((rule, i) => {
    const key = keyOf(rule);
    if (key?.kind === 'dst') push(index.byDst, key.addr, i);
    else if (key?.kind === 'port') push(index.byPort, key.port, i);
    else index.always.push(i);
  });
  return index;
}

const cache = new WeakMap<Chain, { length: number; index: ChainIndex }>();

/** The chain's index, built on first use; null for chains short enough to scan. */
export function chainIndexOf(chain: Chain): ChainIndex | null {
  if (chain.rules.length < INDEX_MIN_RULES) return null;
  const hit = cache.get(chain);
  if (hit && hit.length === chain.rules.length) return hit.index;
  const index = buildChainIndex(chain);
  cache.set(chain, { length: chain.rules.length, index });
  return index;
}

/** The first entry of the ascending `list` at or after `from`, or Infinity. */
function firstAtOrAfter(list: number[] | undefined, from: number): number {
  if (!list || list.length === 0) return Infinity;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < from) lo = mid + 1;
    else hi = mid;
  }
  return lo < list.length ? list[lo]! : Infinity;
}

function ipNumber(text: string): number | null {
  let value = 0;
  let parts = 0;
  let octet = -1;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 46;
    if (c === 46) {
      if (octet < 0 || octet > 255) return null;
      value = value * 256 + octet;
      parts++;
      octet = -1;
    } else if (c >= 48 && c <= 57) {
      octet = (octet < 0 ? 0 : octet * 10) + (c - 48);
    } else return null;
  }
  return parts === 4 ? value : null;
}

/**
 * The position of the next rule at or after `from` that the packet must try, or the chain's
 * length when none is left.
 */
export function nextCandidate(index: ChainIndex, chainLength: number, packet: Packet, from: number): number {
  const dst = ipNumber(packet.ip.dst);
  const next = Math.min(
    firstAtOrAfter(index.always, from),
    dst === null ? Infinity : firstAtOrAfter(index.byDst.get(dst), from),
    packet.l4 ? firstAtOrAfter(index.byPort.get(packet.l4.dport), from) : Infinity,
  );
  return Math.min(next, chainLength);
}
