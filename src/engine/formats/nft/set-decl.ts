/**
 * The declaration lines inside `set NAME { ... }` and `map NAME { ... }` blocks, and the datatypes
 * a `typeof` expression stands for (so text and JSON, which prints `type`, agree).
 */
import { diagnostic, type Diagnostic } from '../../diagnostics';
import { Cursor } from './cursor';
import { parseElements } from './elements';
import { parseKey } from './expressions';
import type { NftToken } from './lexer';
import type { NftExpr, NftSet } from './types';
import { parseNftInt, parseNftTime } from './values';
import { msg, type Msg } from '../../explain/message';

/** Datatypes of the keys `typeof` names most often (nftables' payload, meta and ct templates). */
const TYPEOF: Record<string, string> = {
  'ip saddr': 'ipv4_addr', 'ip daddr': 'ipv4_addr', 'ip6 saddr': 'ipv6_addr', 'ip6 daddr': 'ipv6_addr',
  'ip protocol': 'inet_proto', 'ip6 nexthdr': 'inet_proto', 'meta l4proto': 'inet_proto', 'meta nfproto': 'nf_proto',
  'tcp dport': 'inet_service', 'tcp sport': 'inet_service', 'udp dport': 'inet_service', 'udp sport': 'inet_service',
  'th dport': 'inet_service', 'th sport': 'inet_service', 'sctp dport': 'inet_service', 'sctp sport': 'inet_service',
  'meta mark': 'mark', 'ct mark': 'mark', 'meta iifname': 'ifname', 'meta oifname': 'ifname', 'meta iif': 'iface_index',
  'meta oif': 'iface_index', 'ether saddr': 'ether_addr', 'ether daddr': 'ether_addr', 'ether type': 'ether_type',
  'vlan id': 'integer', 'ct state': 'ct_state', 'ct status': 'ct_status', 'meta pkttype': 'pkt_type', 'ip dscp': 'dscp',
};

function typeOfExpr(e: NftExpr): string | null {
  if (e.kind === 'payload') return TYPEOF[`${e.protocol} ${e.field}`] ?? null;
  if (e.kind === 'meta') return TYPEOF[`meta ${e.key}`] ?? null;
  if (e.kind === 'ct' && e.direction === undefined) return TYPEOF[`ct ${e.key}`] ?? null;
  return null;
}

/** `typeof ip saddr . tcp dport` → `['ipv4_addr', 'inet_service']`, or null when a part is not known. */
export function typesOfTypeof(tokens: NftToken[], file: string): string[] | null {
  const c = new Cursor(tokens, file, []);
  const key = parseKey(c);
  if (key === null || !c.atEnd()) return null;
  const parts = key.kind === 'concat' ? key.parts : [key];
  const types = parts.map(typeOfExpr);
  return types.every((t) => t !== null) ? (types as string[]) : null;
}

/** Splits `a . b : c . d` tokens at the top-level `:` word. */
function splitColon(tokens: NftToken[]): [NftToken[], NftToken[] | null] {
  const at = tokens.findIndex((t) => t.kind === 'word' && t.text === ':');
  return at < 0 ? [tokens, null] : [tokens.slice(0, at), tokens.slice(at + 1)];
}

const words = (tokens: NftToken[]) => tokens.filter((t) => t.kind === 'word' && t.text !== '.').map((t) => t.text);
const text = (tokens: NftToken[]) => tokens.map((t) => t.text).join(' ');

/**
 * Applies one declaration line (`type ...`, `typeof ...`, `flags ...`, `timeout 3h`, `size N`,
 * `policy ...`, `auto-merge`, `counter`, `comment "..."`, `elements = { ... }`) to `set`. The tokens
 * have no newlines; an `elements` list may have been gathered from several lines.
 */
export function applySetLine(set: NftSet, tokens: NftToken[], file: string, diags: Diagnostic[]): void {
  const [head, arg] = [tokens[0]!, tokens.slice(1)];
  const bad = (why: Msg) => diags.push(diagnostic('NFT006', { file, line: head.line, column: head.column, endColumn: tokens[tokens.length - 1]!.endColumn }, why, 'warning'));
  const first = arg[0]?.text ?? '';
  switch (head.text) {
    case 'type': {
      const [key, data] = splitColon(arg);
      set.keyType = words(key);
      if (data) set.dataType = text(data);
      if (set.keyType.length === 0) bad(msg('diag.NFT006.typeWithoutDatatypes'));
      return;
    }
    case 'typeof': {
      const [key, data] = splitColon(arg);
      set.typeofText = text(arg);
      set.keyType = typesOfTypeof(key, file) ?? [];
      if (data) {
        const dataTypes = typesOfTypeof(data, file);
        set.dataType = dataTypes ? dataTypes.join(' . ') : text(data);
      }
      return;
    }
    case 'flags':
      set.flags = arg.filter((t) => t.kind === 'word').map((t) => t.text);
      return;
    case 'timeout':
    case 'gc-interval': {
      const s = parseNftTime(first);
      if (s === null) bad(msg('diag.NFT006.invalidValue', { what: head.text, value: first }));
      else set[head.text === 'timeout' ? 'timeoutSeconds' : 'gcIntervalSeconds'] = s;
      return;
    }
    case 'size': {
      const n = parseNftInt(first);
      if (n === null) bad(msg('diag.NFT006.invalidSize', { value: first }));
      else set.size = n;
      return;
    }
    case 'policy':
      set.policy = first;
      return;
    case 'auto-merge':
      set.autoMerge = true;
      return;
    case 'counter':
      set.counter = true;
      return;
    case 'comment':
      if (arg[0]?.kind === 'string') set.comment = arg[0].text;
      else bad(msg('diag.NFT006.commentWithoutString'));
      return;
    case 'elements': {
      const open = arg.findIndex((t) => t.kind === 'punct' && t.text === '{');
      if (open < 0) {
        bad(msg('diag.NFT006.elementsWithoutList'));
        return;
      }
      const c = new Cursor(arg.slice(open), file, diags);
      set.elements.push(...parseElements(c));
      return;
    }
    default:
      bad(msg('diag.NFT006.declarationNotUnderstood', { what: head.text }));
  }
}
