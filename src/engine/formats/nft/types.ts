/**
 * The nftables AST shared by the `nft list ruleset` text parser and the `nft -j list ruleset`
 * JSON parser: both produce these types, so evaluators need not know which one was given.
 * Expressions follow libnftables' JSON schema (`libnftables-json(5)`), whose node kinds map one to
 * one onto what `nft list` prints.
 */
import type { SourceSpan } from '../../diagnostics';

export type NftFamily = 'ip' | 'ip6' | 'inet' | 'arp' | 'bridge' | 'netdev';

/**
 * Relational operators. `in` is nft's flag test, `(left & right) != 0`: what a bare `ct state new`,
 * `ct status dnat` or `tcp flags syn` means (JSON prints it as `"op": "in"`; the text as no operator).
 * An implicit operator on any other left side is `==`, which for a set or map on the right
 * (`ip saddr @blocklist`, `tcp dport { 80, 443 }`) is a membership test.
 */
export type NftOp = '==' | '!=' | '<' | '>' | '<=' | '>=' | 'in';

/** A verdict, as a statement or as the data of a verdict map. */
export type NftVerdict =
  | { type: 'accept' | 'drop' | 'continue' | 'return' }
  | { type: 'jump' | 'goto'; chain: string };

/** Expressions: packet fields, computed keys, operators and values. */
export type NftExpr =
  /** A header field: `ip saddr`, `tcp dport`, `th dport` (any transport), `ether type`, `vlan id`, `arp operation`. */
  | { kind: 'payload'; protocol: string; field: string }
  /** A raw payload field: `@th,16,16` (base `ll`, `nh`, `th`, `ih`; offset and length in bits). */
  | { kind: 'rawPayload'; base: string; offset: number; length: number }
  /** An extension header or option: `tcp option maxseg size` → header `tcp option`, name `maxseg`, field `size`. */
  | { kind: 'exthdr'; header: string; name: string; field?: string }
  /** Packet metadata: `meta l4proto`, `meta mark`, `iifname`, `oif`, `meta nfproto`, `meta pkttype`, ... (always with its key). */
  | { kind: 'meta'; key: string }
  /** Conntrack: `ct state`, `ct status`, `ct mark`, `ct direction`, `ct original saddr`, `ct reply ip daddr`. */
  | { kind: 'ct'; key: string; direction?: 'original' | 'reply'; family?: 'ip' | 'ip6' }
  /** A FIB lookup: `fib daddr type` (flags [daddr], result type), `fib saddr . iif oif` (flags [saddr, iif], result oif). */
  | { kind: 'fib'; flags: string[]; result: string }
  /** `numgen random mod N [offset O]` / `numgen inc ...`: a number in [offset, offset + mod). */
  | { kind: 'numgen'; mode: 'random' | 'inc'; mod: number; offset: number }
  /** `jhash EXPR mod N [seed S] [offset O]` and `symhash mod N [offset O]`. */
  | { kind: 'hash'; function: 'jhash' | 'symhash'; expr?: NftExpr; mod: number; seed?: number; offset: number }
  /** Routing data: `rt mtu`, `rt ip nexthop`, `rt classid`. */
  | { kind: 'rt'; key: string; family?: 'ip' | 'ip6' }
  /** `left OP right` with OP one of `&` `|` `^` `<<` `>>` (nft also prints `and`, `or`, `xor`). */
  | { kind: 'binop'; op: '&' | '|' | '^' | '<<' | '>>'; left: NftExpr; right: NftExpr }
  /** `a . b . c`: a concatenation (as a key, or as a value of a concatenated set). */
  | { kind: 'concat'; parts: NftExpr[] }
  /**
   * A constant as printed: an address, a number (`443`, `0x00004000`), a symbol (`tcp`, `established`,
   * `local`, `port-unreachable`) or a string (`"eth0"`, `quoted`). `number` is set for integers.
   * `fib ... missing` and `exthdr ... exists` are the literals `missing` and `exists`.
   */
  | { kind: 'literal'; text: string; number?: number; quoted?: boolean }
  /** `10.0.0.0/8`, `fd00::/8`. */
  | { kind: 'prefix'; addr: string; length: number }
  /** `8000-8999`, `203.0.113.10-203.0.113.20`. */
  | { kind: 'range'; low: NftExpr; high: NftExpr }
  /** Several flag values at once: `established,related`, `(fin | syn | rst | ack)`, JSON `["fin", "syn"]`. */
  | { kind: 'list'; items: NftExpr[] }
  /** An anonymous set or map written inline: `{ 80, 443 }`, `{ 0 : goto endpoint-a, 1 : goto endpoint-b }`. */
  | { kind: 'set'; elements: NftElement[] }
  /** A named set or map: `@service-ips`. */
  | { kind: 'setRef'; name: string }
  /** A map lookup used as a value: `ip daddr map @dnat-map`, `numgen inc mod 2 map { 0 : 10.0.0.1, ... }`. */
  | { kind: 'map'; key: NftExpr; data: NftExpr }
  /** A verdict as the data of a verdict map element. */
  | { kind: 'verdict'; verdict: NftVerdict };

/** An element of a named or anonymous set or map. */
export interface NftElement {
  key: NftExpr;
  /** The value of a map element (a verdict for verdict maps). */
  data?: NftExpr;
  timeoutSeconds?: number;
  expiresSeconds?: number;
  comment?: string;
  counter?: { packets: number; bytes: number };
  span: SourceSpan;
}

interface StatementBase {
  /** The statement's own text (text input), or its JSON (JSON input). */
  text: string;
  span: SourceSpan;
}

/** What a rule does, in order. Matches stop the rule when false; the first verdict ends evaluation. */
export type NftStatement = StatementBase & (
  | { kind: 'match'; op: NftOp; left: NftExpr; right: NftExpr }
  | { kind: 'verdict'; verdict: NftVerdict }
  /** `KEY vmap @map` / `KEY vmap { k : verdict, ... }`: look KEY up; a hit applies its verdict, a miss continues. */
  | { kind: 'vmap'; key: NftExpr; map: NftExpr }
  | { kind: 'counter'; packets?: number; bytes?: number; name?: string }
  | { kind: 'log'; prefix?: string; level?: string; group?: number; flags: string[] }
  /** `limit rate [over] 10/second [burst 5 packets]`; `unit` is `packets` or `bytes`/`kbytes`/`mbytes`. */
  | { kind: 'limit'; rate: number; unit: string; per: string; burst?: number; over: boolean; name?: string }
  | { kind: 'quota'; name?: string; bytes?: number; usedBytes?: number; over: boolean }
  /** `meta mark set V`, `mark set V`, `ct mark set V`, `ip dscp set cs4`, `tcp option maxseg size set rt mtu`. */
  | { kind: 'mangle'; target: NftExpr; value: NftExpr }
  /** `update @set { ip saddr [timeout 3h] }`, `add @set { ... }`, `delete @set { ... }`. */
  | { kind: 'setUpdate'; op: 'add' | 'update' | 'delete'; set: string; key: NftExpr; timeoutSeconds?: number }
  /**
   * `dnat [ip|ip6] to ADDR[:PORT]`, `snat to ...`, `masquerade [to :PORTS]`, `redirect [to :PORT]`.
   * `addr` may be a literal, a range, or a `map` lookup; `port` a literal or a range. `flags`: `random`,
   * `fully-random`, `persistent`, `netmap`, `prefix`.
   */
  | { kind: 'nat'; nat: 'dnat' | 'snat' | 'masquerade' | 'redirect'; family?: 'ip' | 'ip6'; addr?: NftExpr; port?: NftExpr; flags: string[] }
  /** `reject [with icmp|icmpv6|icmpx [type] CODE | with tcp reset]`; absent `type` = the family's default. */
  | { kind: 'reject'; type?: 'icmp' | 'icmpv6' | 'icmpx' | 'tcp reset'; code?: string }
  | { kind: 'notrack' }
  | { kind: 'queue'; num?: string; flags: string[] }
  /** An iptables-nft compat expression (`xt match recent`, `xt target MARK`): its options are not printed. */
  | { kind: 'xt'; xtType: 'match' | 'target' | 'watcher'; name: string }
  /** Anything not understood, kept with its text (see `reason`); the rule is then `opaque`. */
  | { kind: 'opaque'; reason: string }
);

export interface NftRule {
  /** `# handle N` (`nft -a`) or the JSON handle. */
  handle?: number;
  comment?: string;
  statements: NftStatement[];
  /** The rule as printed (without `# handle`), or its JSON. */
  text: string;
  /** True when a statement is `opaque` or `xt`: the rule cannot be simulated faithfully. */
  opaque: boolean;
  span: SourceSpan;
}

/**
 * A base chain's priority. `value` is the number nft uses (null for an unknown name); `text` is how
 * it was written: `dstnat - 10`, `srcnat`, `-110`, `filter`.
 */
export interface NftPriority {
  value: number | null;
  text: string;
}

/** The hook attachment of a base chain: `type filter hook input priority filter; policy drop;`. */
export interface NftBaseChain {
  /** `filter`, `nat` or `route`. */
  type: string;
  /** `prerouting`, `input`, `forward`, `output`, `postrouting`, `ingress`, `egress`. */
  hook: string;
  /** `device "eth0"` / `devices = { eth0, eth1 }` (netdev and inet ingress chains). */
  devices: string[];
  priority: NftPriority;
  /** What happens at the end of the chain; `accept` when not printed. */
  policy: 'accept' | 'drop';
}

export interface NftChain {
  /** May contain `/`, `.`, `:`: `service-2QRHZV4L-default/kubernetes/tcp/https`. */
  name: string;
  handle?: number;
  comment?: string;
  /** Set for base chains; regular chains are only entered by `jump`/`goto`/verdict maps. */
  base?: NftBaseChain;
  rules: NftRule[];
  span: SourceSpan;
}

/** A named set (`kind: 'set'`) or map (`kind: 'map'`). */
export interface NftSet {
  kind: 'set' | 'map';
  name: string;
  handle?: number;
  /** The key's datatypes: `['ipv4_addr', 'inet_proto', 'inet_service']`; derived from `typeof` when possible. */
  keyType: string[];
  /** `typeof ip saddr . tcp dport` as written (without `typeof`). */
  typeofText?: string;
  /** A map's data type: `verdict`, `ipv4_addr`, `mark`, `ipv4_addr . inet_service`, ... */
  dataType?: string;
  /** `interval`, `timeout`, `dynamic`, `constant`. */
  flags: string[];
  timeoutSeconds?: number;
  gcIntervalSeconds?: number;
  size?: number;
  policy?: string;
  comment?: string;
  autoMerge: boolean;
  counter: boolean;
  elements: NftElement[];
  span: SourceSpan;
}

/** A stateful object or flowtable (`counter`, `quota`, `limit`, `ct helper`, `flowtable`, ...), kept as text. */
export interface NftObject {
  kind: string;
  name: string;
  handle?: number;
  /** The block's text (text input) or JSON. */
  text: string;
  span: SourceSpan;
}

export interface NftTable {
  family: NftFamily;
  name: string;
  handle?: number;
  comment?: string;
  /** `dormant`, `owner`, `persist`. */
  flags: string[];
  chains: NftChain[];
  sets: NftSet[];
  objects: NftObject[];
  /**
   * True for tables iptables-nft owns (`# Warning: table ip nat is managed by iptables-nft`, or the
   * iptables built-in chains with `xt` expressions and counters on every rule). Their rules lose
   * details in nft output: give `iptables-save` output for them instead.
   */
  managedByIptables: boolean;
  /** Why `managedByIptables` is true. */
  iptablesEvidence?: string;
  span: SourceSpan;
}

export interface NftRuleset {
  tables: NftTable[];
  /** Which parser produced it. */
  format: 'text' | 'json';
  /** `metainfo.version` of `nft -j` output. */
  nftVersion?: string;
  files: string[];
  /**
   * Lazily read text (`scanNftRuleset`): line 0 of the text, moved with the other spans when the
   * text was a bundle section, so rules parsed later land on the bundle's lines.
   */
  origin?: SourceSpan;
}
