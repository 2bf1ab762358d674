/**
 * Guesses which dump a paste is from its shape. Only the first 200 meaningful lines (and at
 * most 256 KiB) are read, so detection costs the same on a 3-line paste and a 300 MB dump.
 * A `### hopscope-` line, or prompts running commands of two or more different formats, make
 * the paste a bundle (`bundle/split.ts` cuts it into sections).
 */
import type { InputFormat } from '../model/types';
import { parseIpv4, parseIpv4Net } from '../net/ipv4';
import { parseDirective } from './bundle/directive';
import { parsePromptLine } from './bundle/prompt';
import { parseMac } from './ip-neigh/lladdr';
import { looksLikeIpvsadm } from './ipvsadm/detect';
import { looksLikeNft, looksLikeNftJson } from './nft/detect';
import { looksLikeOvsFlows, looksLikeOvsVsctl } from './ovs/detect';
import { looksLikeOvsOfctlShow } from './ovs/ofctl-show';
import { headerColumns } from './kubectl/table';
import { isBriefLine } from './ip-link/brief';
import { isNewIfconfigHeader, isOldIfconfigHeader } from './ip-link/ifconfig';
import { headerIndex } from './ip-link/link-header';
import { isPromptOrNoise, looksLikeIpv6, tokenizeLine, type Token } from './ip-link/text-lines';
import { isNetToolsRow } from './ip-route/net-tools';
import { msg, type Msg } from '../explain/message';
import { renderMessage } from '../explain/render';

export interface Detection {
  format: InputFormat;
  /** 0 for unknown; near 1 when a format's defining lines are present. */
  confidence: number;
  /** A short English phrase, e.g. "has *table and COMMIT lines". */
  reason: string;
  /** The same phrase as a message, for the UI to render in the reader's language. */
  why: Msg;
}

/** The reason in English (CLI, tests) and as a message (UI). */
function said(why: Msg): { reason: string; why: Msg } {
  return { reason: renderMessage(why), why };
}

const MAX_LINES = 200;
const MAX_CHARS = 256 * 1024;
const MAX_LINE_CHARS = 2000;

const SAVE_TABLES = new Set(['*filter', '*nat', '*mangle', '*raw', '*security']);
const ROUTE_TYPES = new Set(['unicast', 'local', 'broadcast', 'blackhole', 'unreachable', 'prohibit', 'throw', 'multicast', 'anycast']);
const ROUTE_WORDS = new Set(['dev', 'via', 'proto', 'scope', 'metric', 'table', 'src']);
/** The header lines of `ipset list` blocks. */
const IPSET_HEADERS = new Set(['Name:', 'Type:', 'Revision:', 'Header:', 'Members:', 'References:']);
const NUD_STATES = new Set(['PERMANENT', 'NOARP', 'REACHABLE', 'STALE', 'DELAY', 'PROBE', 'FAILED', 'INCOMPLETE']);
const FDB_WORDS = new Set(['dev', 'dst', 'self', 'master', 'permanent', 'static', 'vlan']);

type Counts = Record<
  | 'saveHeader' | 'saveTable' | 'saveChain' | 'commit' | 'append' | 'policy' | 'newChain'
  | 'listChain' | 'listHeader' | 'linkHeader' | 'linkDetail' | 'ifconfig' | 'brief'
  | 'route' | 'routeHeader' | 'rule' | 'ipset' | 'ipsetSave' | 'considered'
  | 'neigh' | 'fdb' | 'conntrack' | 'kubePods' | 'kubeSvc' | 'kubeNodes' | 'bundleMarker',
  number
>;

/** What a paste's prompt lines say: the distinct formats their commands print. */
interface Prompts { formats: Set<InputFormat> }

function isNeighLine(t: Token[]): boolean {
  const dst = t[0]!.text;
  if (parseIpv4(dst) === null && !looksLikeIpv6(dst)) return false;
  const second = t[1]?.text;
  const last = t[t.length - 1]!.text;
  return (second === 'dev' || second === 'lladdr') && (t.some((x) => x.text === 'lladdr') || NUD_STATES.has(last) || last === 'proxy');
}

function isFdbLine(t: Token[]): boolean {
  return parseMac(t[0]!.text) !== null && t.length >= 2 && t.slice(1).some((x) => FDB_WORDS.has(x.text));
}

function isConntrackLine(t: Token[]): boolean {
  if (t[0]!.text === 'conntrack' && t[1]?.text.startsWith('v') && t.some((x) => x.text === 'flow')) return true;
  let src = false;
  let dst = false;
  for (const x of t) {
    if (x.text.startsWith('src=')) src = true;
    else if (x.text.startsWith('dst=')) dst = true;
  }
  return src && dst;
}

/** A `kubectl get pods|svc|nodes` header line. */
function kubectlHeader(t: Token[], c: Counts): boolean {
  const columns = headerColumns(t);
  if (!columns) return false;
  const names = new Set(columns.map((x) => x.text));
  if (names.has('READY') && names.has('STATUS') && names.has('RESTARTS')) c.kubePods++;
  else if (names.has('TYPE') && names.has('CLUSTER-IP')) c.kubeSvc++;
  else if (names.has('STATUS') && names.has('ROLES')) c.kubeNodes++;
  else return false;
  return true;
}

function isRouteDst(text: string): boolean {
  if (text === 'default') return true;
  if (text.includes(':')) return looksLikeIpv6(text.split('/')[0]!);
  return parseIpv4Net(text) !== null;
}

function isRouteLine(t: Token[]): boolean {
  if (t[0]!.text === 'nexthop') return t[1]?.text === 'via' || t[1]?.text === 'dev';
  const typed = ROUTE_TYPES.has(t[0]!.text);
  const dst = t[typed ? 1 : 0];
  if (!dst || !isRouteDst(dst.text)) return false;
  if (t.some((x) => x.text === 'lladdr') || NUD_STATES.has(t[t.length - 1]!.text)) return false; // ip neigh
  return t.some((x) => ROUTE_WORDS.has(x.text));
}

function classify(t: Token[], c: Counts): void {
  const first = t[0]!.text;
  const second = t[1]?.text ?? '';
  if (isConntrackLine(t)) c.conntrack++;
  else if (kubectlHeader(t, c)) return;
  else if (isNeighLine(t)) c.neigh++;
  else if (isFdbLine(t)) c.fdb++;
  else if (SAVE_TABLES.has(first)) c.saveTable++;
  else if (first === 'COMMIT' && t.length === 1) c.commit++;
  else if (first.startsWith(':') && t.length >= 3 && t[2]!.text.startsWith('[')) c.saveChain++;
  else if (first === '-A' || (first.startsWith('[') && second === '-A')) c.append++;
  else if (first === '-P' && t.length === 3) c.policy++;
  else if (first === '-N' && t.length === 2) c.newChain++;
  else if (first === 'Chain' && t[2]?.text.startsWith('(')) c.listChain++;
  else if (t.some((x) => x.text === 'target') && t.some((x) => x.text === 'prot') && t.some((x) => x.text === 'opt')) c.listHeader++;
  else if (headerIndex(t[0]) !== null && second.endsWith(':') && t[2]?.text.startsWith('<')) c.linkHeader++;
  else if (headerIndex(t[0]) !== null && (second === 'from' || second === 'not')) c.rule++;
  else if (IPSET_HEADERS.has(first) && (first !== 'Name:' || t.length === 2)) c.ipset++;
  else if ((first === 'create' || first === 'add') && t.length >= 3 && /^[\w.-]+$/.test(second)) c.ipsetSave++;
  else if (isNewIfconfigHeader(t) || isOldIfconfigHeader(t)) c.ifconfig++;
  else if (first.startsWith('link/') || ((first === 'inet' || first === 'inet6') && t.some((x) => x.text === 'scope' || x.text === 'netmask' || x.text.startsWith('addr:')))) c.linkDetail++;
  else if (first === 'Kernel' && t[2]?.text === 'routing') c.routeHeader++;
  else if (isNetToolsRow(t) || isRouteLine(t)) c.route++;
  else if (isBriefLine(t) && t.slice(2).every((x) => x.text.includes('/') || x.text.includes(':') || x.text.startsWith('<'))) c.brief++;
}

function confidence(base: number, matched: number, considered: number): number {
  return Math.round(Math.min(0.99, base + (0.99 - base) * (matched / Math.max(1, considered))) * 100) / 100;
}

function decide(c: Counts, prompts: Prompts, ipvs: number): Detection {
  const n = c.considered;
  if (c.bundleMarker > 0) return { format: 'bundle', confidence: 0.99, ...said(msg('diag.detect.bundleMarker')) };
  if (prompts.formats.size >= 2) {
    return { format: 'bundle', confidence: 0.8, ...said(msg('diag.detect.transcript', { count: prompts.formats.size })) };
  }
  if (c.saveHeader > 0 || (c.saveTable > 0 && (c.commit > 0 || c.saveChain > 0 || c.append > 0))) {
    const reason = c.saveHeader > 0 ? msg('diag.detect.saveHeader') : c.commit > 0 ? msg('diag.detect.saveCommit') : msg('diag.detect.saveChains');
    return { format: 'iptables-save', confidence: confidence(0.8, c.saveTable + c.saveChain + c.append + c.commit, n), ...said(reason) };
  }
  // ipvsadm-save's `-A -t VIP:PORT` lines would otherwise pass for iptables -S appends.
  if (ipvs >= 0.8 && c.policy === 0 && c.newChain === 0) {
    return { format: 'ipvsadm', confidence: ipvs, ...said(msg('diag.detect.ipvsadm')) };
  }
  if (c.policy > 0 || c.newChain > 0 || (c.append > 0 && c.append * 2 >= n)) {
    const reason = c.policy > 0 ? msg('diag.detect.rulesPolicy') : c.newChain > 0 ? msg('diag.detect.rulesNew') : msg('diag.detect.rulesAppend');
    return { format: 'iptables-rules', confidence: confidence(c.policy > 0 ? 0.8 : 0.5, c.policy + c.newChain + c.append, n), ...said(reason) };
  }
  if (c.listChain > 0 && (c.listHeader > 0 || c.listChain * 4 >= n)) {
    return { format: 'iptables-list', confidence: confidence(c.listHeader > 0 ? 0.8 : 0.5, c.listChain + c.listHeader, n), ...said(c.listHeader > 0 ? msg('diag.detect.listHeader') : msg('diag.detect.listChain')) };
  }
  const kube = Math.max(c.kubePods, c.kubeSvc, c.kubeNodes);
  if (kube > 0) {
    const [format, what] = c.kubePods === kube ? ['kubectl-pods', 'pods'] as const : c.kubeSvc === kube ? ['kubectl-svc', 'services'] as const : ['kubectl-nodes', 'nodes'] as const;
    return { format, confidence: 0.95, ...said(msg('diag.detect.kubectl', { what })) };
  }
  const addrScore = 3 * (c.linkHeader + c.ifconfig) + c.linkDetail + 2 * c.brief;
  const routeScore = c.route + 5 * c.routeHeader;
  if (addrScore > 0 && addrScore >= routeScore && (c.linkHeader + c.ifconfig > 0 || c.brief > 0 || c.linkDetail >= 2)) {
    const reason = c.linkHeader > 0 ? msg('diag.detect.linkHeader')
      : c.ifconfig > 0 ? msg('diag.detect.ifconfig') : c.brief > 0 ? msg('diag.detect.brief') : msg('diag.detect.linkDetail');
    const matched = c.linkHeader + c.ifconfig + c.linkDetail + c.brief;
    return { format: 'ip-addr', confidence: confidence(c.linkHeader + c.ifconfig > 0 ? 0.7 : 0.4, matched, n), ...said(reason) };
  }
  if (routeScore > 0 && (c.routeHeader > 0 || c.route >= 1) && routeScore >= c.neigh) {
    const reason = c.routeHeader > 0 ? msg('diag.detect.routeHeader') : msg('diag.detect.route');
    return { format: 'ip-route', confidence: confidence(c.routeHeader > 0 ? 0.8 : 0.4, c.route + c.routeHeader, n), ...said(reason) };
  }
  if (c.rule > 0) return { format: 'ip-rule', confidence: confidence(0.6, c.rule, n), ...said(msg('diag.detect.rule')) };
  if (c.ipset >= 2 || c.ipsetSave >= 1) {
    return { format: 'ipset', confidence: confidence(0.7, c.ipset + c.ipsetSave, n), ...said(c.ipset >= 2 ? msg('diag.detect.ipsetList') : msg('diag.detect.ipsetSave')) };
  }
  if (c.conntrack > 0 && c.conntrack >= c.neigh + c.fdb) {
    return { format: 'conntrack', confidence: confidence(0.7, c.conntrack, n), ...said(msg('diag.detect.conntrack')) };
  }
  if (c.neigh > 0 && c.neigh >= c.fdb) {
    return { format: 'ip-neigh', confidence: confidence(0.6, c.neigh, n), ...said(msg('diag.detect.neigh')) };
  }
  if (c.fdb > 0) return { format: 'bridge-fdb', confidence: confidence(0.6, c.fdb, n), ...said(msg('diag.detect.fdb')) };
  if (ipvs >= 0.5) return { format: 'ipvsadm', confidence: ipvs, ...said(msg('diag.detect.ipvsadm')) };
  return { format: 'unknown', confidence: 0, ...said(n === 0 ? msg('diag.detect.empty') : msg('diag.detect.unknown')) };
}

/**
 * Recognises a dump by its shape: iptables-save, iptables -S, iptables -L, interface dumps
 * (`ip addr`/`ip link`/`ip -br`/ifconfig), routes (`ip route`/`route -n`/`netstat -nr`), `ip rule`,
 * ipset, `ip neigh`, `bridge fdb`, conntrack, ipvsadm, `kubectl get pods|svc|nodes` tables, and bundles.
 *
 * @example
 * detectFormat('*nat\n:PREROUTING ACCEPT [0:0]\nCOMMIT\n');
 * // { format: 'iptables-save', confidence: 0.99, reason: 'has *table and COMMIT lines', why: { key: 'diag.detect.saveCommit' } }
 */
export function detectFormat(text: string): Detection {
  const counts: Counts = {
    saveHeader: 0, saveTable: 0, saveChain: 0, commit: 0, append: 0, policy: 0, newChain: 0,
    listChain: 0, listHeader: 0, linkHeader: 0, linkDetail: 0, ifconfig: 0, brief: 0, route: 0,
    routeHeader: 0, rule: 0, ipset: 0, ipsetSave: 0, considered: 0,
    neigh: 0, fdb: 0, conntrack: 0, kubePods: 0, kubeSvc: 0, kubeNodes: 0, bundleMarker: 0,
  };
  const prompts: Prompts = { formats: new Set() };
  const head: string[] = []; // for the ipvsadm detector, which reads lines itself
  const limit = Math.min(text.length, MAX_CHARS);
  let start = 0;
  while (start < limit && counts.considered < MAX_LINES) {
    // Look for the line's end inside the window only: indexOf would scan a huge one-line paste to its end.
    let end = start;
    while (end < limit && text.charCodeAt(end) !== 10) end++;
    const raw = text.slice(start, Math.min(end, start + MAX_LINE_CHARS));
    start = end + 1;
    const tokens = tokenizeLine(raw);
    if (tokens.length === 0) continue;
    head.push(raw);
    const first = tokens[0]!.text;
    if (first.startsWith('###') && parseDirective(raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw)) {
      counts.bundleMarker++;
      continue;
    }
    if (tokens.length > 1 && (first.startsWith('#') || isPromptOrNoise(tokens))) {
      const format = parsePromptLine(tokens, raw)?.recognized.format;
      if (format !== undefined && format !== 'unknown') prompts.formats.add(format);
    }
    if (first.startsWith('#')) {
      // iptables-save's own comments are evidence; other comments are ignored.
      if (tokens.some((t) => /^(ip6?tables|xtables|iptables-nft|iptables-legacy|ip6tables-nft|ip6tables-legacy)-save$/.test(t.text))) counts.saveHeader++;
      continue;
    }
    if (isPromptOrNoise(tokens)) continue;
    counts.considered++;
    classify(tokens, counts);
  }
  const decided = decide(counts, prompts, looksLikeIpvsadm(head));
  if (decided.format === 'bundle' || decided.format === 'iptables-save') return decided;
  // Formats with a detector of their own: the one scoring highest wins over a weaker guess.
  const others: [InputFormat, number, Msg][] = [
    ['nft-json', looksLikeNftJson(text.slice(0, MAX_CHARS)), msg('diag.detect.nftJson')],
    ['nft', looksLikeNft(head), msg('diag.detect.nft')],
    ['ovs-vsctl', looksLikeOvsVsctl(head), msg('diag.detect.ovsVsctl')],
    ['ovs-flows', looksLikeOvsFlows(head), msg('diag.detect.ovsFlows')],
    ['ovs-ofctl-show', looksLikeOvsOfctlShow(head), msg('diag.detect.ovsShow')],
  ];
  const best = others.reduce((a, b) => (b[1] > a[1] ? b : a));
  if (best[1] >= 0.6 && best[1] > decided.confidence) return { format: best[0], confidence: best[1], ...said(best[2]) };
  return decided;
}
