/**
 * What the parser knows about iptables itself: built-in chains per table, the match modules and
 * their option names, and target extensions. The option lists exist for one reason: to decide,
 * like iptables' option dispatch does, which module an option belongs to when the rule text does
 * not say it directly (kube-proxy's restore input puts `-p tcp -d X` between `-m tcp` and
 * `--dport`). They are not a whitelist: options of a module are kept even when not listed here.
 */
import type { TableName } from './types';

/** Module name of a basic match the IPv4 model cannot hold: an IPv6 address, an unknown protocol,
 * an address that did not parse. Its one option carries the text (`source`, `destination`, ...).
 * The simulator should treat a rule with this module as "not simulated". */
export const RAW_BASIC_MODULE = 'basic-raw';

/** Module name for `--options` no module claimed (no `-m` before them and no `-p` to imply one). */
export const UNKNOWN_OPTIONS_MODULE = 'unknown';

/** Module name for free text of `iptables -L` that could not be recovered; its option `text` holds it. */
export const UNPARSED_LIST_MODULE = 'unparsed';

export const BUILTIN_CHAINS: Readonly<Record<TableName, readonly string[]>> = {
  raw: ['PREROUTING', 'OUTPUT'],
  mangle: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
  security: ['INPUT', 'FORWARD', 'OUTPUT'],
};

export function isBuiltinChain(table: TableName, chain: string): boolean {
  return BUILTIN_CHAINS[table].includes(chain);
}

const PORTS = ['sport', 'dport', 'source-port', 'destination-port'];

/**
 * Match modules shipped with iptables, with their option names. An empty list means "options
 * not enumerated": any option that follows `-m NAME` is accepted as belonging to it.
 */
export const MATCH_MODULES: Readonly<Record<string, readonly string[]>> = {
  tcp: [...PORTS, 'tcp-flags', 'syn', 'tcp-option'],
  udp: PORTS,
  udplite: PORTS,
  sctp: [...PORTS, 'chunk-types'],
  dccp: [...PORTS, 'dccp-types', 'dccp-option'],
  icmp: ['icmp-type'],
  icmp6: ['icmpv6-type'],
  comment: ['comment'],
  multiport: ['sports', 'dports', 'ports', 'source-ports', 'destination-ports'],
  addrtype: ['src-type', 'dst-type', 'limit-iface-in', 'limit-iface-out'],
  conntrack: [
    'ctstate', 'ctproto', 'ctorigsrc', 'ctorigdst', 'ctreplsrc', 'ctrepldst', 'ctorigsrcport',
    'ctorigdstport', 'ctreplsrcport', 'ctrepldstport', 'ctstatus', 'ctexpire', 'ctdir',
  ],
  state: ['state'],
  mark: ['mark'],
  connmark: ['mark'],
  statistic: ['mode', 'probability', 'every', 'packet'],
  recent: ['set', 'rcheck', 'update', 'remove', 'seconds', 'reap', 'hitcount', 'rttl', 'name', 'rsource', 'rdest', 'mask'],
  set: [
    'match-set', 'set', 'return-nomatch', 'update-counters', 'update-subcounters', 'packets-eq',
    'packets-lt', 'packets-gt', 'bytes-eq', 'bytes-lt', 'bytes-gt',
  ],
  nfacct: ['nfacct-name'],
  limit: ['limit', 'limit-burst'],
  physdev: ['physdev-in', 'physdev-out', 'physdev-is-in', 'physdev-is-out', 'physdev-is-bridged'],
  socket: ['transparent', 'nowildcard', 'restore-skmark'],
  owner: ['uid-owner', 'gid-owner', 'socket-exists', 'suppl-groups'],
  iprange: ['src-range', 'dst-range'],
  length: ['length'],
  pkttype: ['pkt-type'],
  mac: ['mac-source'],
  ttl: ['ttl-eq', 'ttl-gt', 'ttl-lt'],
  hl: ['hl-eq', 'hl-gt', 'hl-lt'],
  dscp: ['dscp', 'dscp-class'],
  tos: ['tos'],
  rpfilter: ['loose', 'validmark', 'accept-local', 'invert'],
  connlimit: ['connlimit-upto', 'connlimit-above', 'connlimit-mask', 'connlimit-saddr', 'connlimit-daddr'],
  connbytes: ['connbytes', 'connbytes-dir', 'connbytes-mode'],
  helper: ['helper'],
  quota: ['quota'],
  tcpmss: ['mss'],
  esp: ['espspi'],
  ah: ['ahspi'],
  string: [], hashlimit: [], policy: [], u32: [], bpf: [], cgroup: [], cpu: [], devgroup: [],
  time: [], ipvs: [], ecn: [], realm: [], osf: [], cluster: [], connlabel: [], ipcomp: [],
  l2tp: [], nfqueue: [], rateest: [], frag: [], hbh: [], dst: [], rt: [], mh: [],
  ipv6header: [], srh: [], eui64: [], condition: [], ipv4options: [],
};

export function isKnownModule(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(MATCH_MODULES, name);
}

/** The options of a module, or null when they are not enumerated (or the module is unknown). */
export function moduleOptions(name: string): readonly string[] | null {
  const list = isKnownModule(name) ? MATCH_MODULES[name] : undefined;
  return list && list.length > 0 ? list : null;
}

const OPTION_SETS: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  Object.entries(MATCH_MODULES).filter(([, list]) => list.length > 0).map(([name, list]) => [name, new Set(list)]),
);

/** Whether module `name` has option `option`: null when its options are not enumerated (or it is unknown). */
export function moduleKnows(name: string, option: string): boolean | null {
  const set = OPTION_SETS.get(name);
  return set ? set.has(option) : null;
}

/** The match iptables loads implicitly for `-p PROTO` (libxtables `xtables_find_match(proto)`). */
export function implicitModuleForProto(proto: number): string | null {
  switch (proto) {
    case 6: return 'tcp';
    case 17: return 'udp';
    case 1: return 'icmp';
    case 58: return 'icmp6';
    case 132: return 'sctp';
    case 33: return 'dccp';
    case 136: return 'udplite';
    default: return null;
  }
}

/** Verdicts and target extensions. A target not here and not a chain of its table gets IPT012. */
export const KNOWN_TARGETS: ReadonlySet<string> = new Set([
  'ACCEPT', 'DROP', 'RETURN', 'QUEUE', 'REJECT', 'LOG', 'NFLOG', 'ULOG', 'DNAT', 'SNAT',
  'MASQUERADE', 'REDIRECT', 'NETMAP', 'MARK', 'CONNMARK', 'CT', 'NOTRACK', 'TPROXY', 'TCPMSS',
  'TOS', 'TTL', 'HL', 'DSCP', 'ECN', 'CLASSIFY', 'SET', 'NFQUEUE', 'AUDIT', 'CHECKSUM',
  'CONNSECMARK', 'SECMARK', 'IDLETIMER', 'LED', 'TEE', 'TRACE', 'SYNPROXY', 'CLUSTERIP',
  'HMARK', 'RATEEST', 'TCPOPTSTRIP', 'CONNLIMIT', 'MIRROR', 'SAME', 'DNPT', 'SNPT',
]);

/** Targets that only exist in the nat table: seeing one tells which table a paste came from. */
export const NAT_ONLY_TARGETS: ReadonlySet<string> = new Set(['DNAT', 'SNAT', 'MASQUERADE', 'REDIRECT', 'NETMAP']);
