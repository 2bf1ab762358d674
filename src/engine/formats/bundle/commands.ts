/**
 * Which dump a shell command prints: `ip -d addr` → ip-addr, `iptables -t nat -nvL` →
 * iptables-list, `kubectl get svc -A -o wide` → kubectl-svc, and the namespace it ran in
 * (`ip netns exec X ...`, `ip -n X ...`, `nsenter -t PID -n ...`, `kubectl exec -n NS POD -- ...`).
 */
import type { InputFormat } from '../../model/types';

export interface RecognizedCommand {
  format: InputFormat;
  /** See `BundleSection.tool`. */
  tool: string;
  netns?: string;
}

const SEPARATORS = new Set(['|', '||', '&&', ';', '>', '2>', '>>', '2>&1', '|&']);
const WRAPPERS = new Set(['sudo', 'doas', 'time', 'command', 'exec', 'nohup', 'env']);
const IP_OBJECTS: Record<string, { format: InputFormat; tool: string }> = {};
for (const [words, format] of [
  [['a', 'ad', 'add', 'addr', 'addre', 'addres', 'address', 'l', 'li', 'lin', 'link'], 'ip-addr'],
  [['r', 'ro', 'rou', 'rout', 'route'], 'ip-route'],
  [['ru', 'rul', 'rule'], 'ip-rule'],
  [['n', 'ne', 'nei', 'neig', 'neigh', 'neighbor', 'neighbour'], 'ip-neigh'],
] as const) for (const w of words) IP_OBJECTS[w] = { format, tool: format };
const IP_VALUE_OPTIONS = new Set(['-n', '-netns', '--netns', '-f', '-family', '-rc', '-rcvbuf', '-l', '-loops', '-b', '-batch']);
const KUBE_GET: Record<string, InputFormat> = {
  po: 'kubectl-pods', pod: 'kubectl-pods', pods: 'kubectl-pods',
  svc: 'kubectl-svc', service: 'kubectl-svc', services: 'kubectl-svc',
  no: 'kubectl-nodes', node: 'kubectl-nodes', nodes: 'kubectl-nodes',
};
const KUBE_VALUE_OPTIONS = new Set(['-n', '--namespace', '-o', '--output', '-l', '--selector', '--context', '--kubeconfig', '-c', '--container', '--field-selector', '--sort-by']);

function basename(word: string): string {
  return word.slice(word.lastIndexOf('/') + 1);
}

function optionValue(words: string[], names: string[]): string | undefined {
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    for (const n of names) {
      if (w === n) return words[i + 1];
      if (n.startsWith('--') && w.startsWith(`${n}=`)) return w.slice(n.length + 1);
      if (n.length === 2 && w.length > 2 && w.startsWith(n)) return w.slice(2); // -owide, -t1234
    }
  }
  return undefined;
}

const unknown = (tool: string, netns?: string): RecognizedCommand => (netns === undefined ? { format: 'unknown', tool } : { format: 'unknown', tool, netns });

function ipCommand(args: string[]): RecognizedCommand {
  let i = 0;
  let netns: string | undefined;
  let json = false;
  while (i < args.length && args[i]!.startsWith('-')) {
    const opt = args[i]!;
    if (opt === '-j' || opt === '-json' || opt === '--json') json = true;
    if (opt === '-n' || opt === '-netns' || opt === '--netns') netns = args[i + 1];
    i += IP_VALUE_OPTIONS.has(opt) ? 2 : 1;
  }
  const object = args[i] ?? '';
  if (object === 'netns' && args[i + 1] === 'exec' && args[i + 2] !== undefined) {
    const inner = recognizeCommand(args.slice(i + 3));
    return { ...(inner ?? unknown('ip-netns')), netns: args[i + 2]! };
  }
  const known = IP_OBJECTS[object];
  const result: RecognizedCommand = known && !json ? { ...known } : unknown(json ? 'ip-json' : `ip-${object || 'help'}`);
  if (netns !== undefined) result.netns = netns;
  return result;
}

function iptablesCommand(program: string, args: string[]): RecognizedCommand {
  const v6 = program.startsWith('ip6');
  if (program.endsWith('-save')) return v6 ? unknown('ip6tables-save') : { format: 'iptables-save', tool: 'iptables-save' };
  let list = false;
  let rules = false;
  for (const a of args) {
    if (a === '--list') list = true;
    else if (a === '--list-rules') rules = true;
    else if (a.startsWith('-') && !a.startsWith('--')) {
      if (a.includes('L')) list = true;
      if (a.includes('S')) rules = true;
    }
  }
  if (v6) return unknown(rules ? 'ip6tables-rules' : 'ip6tables');
  if (rules) return { format: 'iptables-rules', tool: 'iptables-rules' };
  if (list) return { format: 'iptables-list', tool: 'iptables-list' };
  return unknown('iptables');
}

/** `nft list ruleset` (text or `-j` JSON); other nft commands list parts we do not read. */
function nftCommand(args: string[]): RecognizedCommand {
  const json = args.some((a) => a === '-j' || a === '--json' || (/^-[a-z]+$/.test(a) && a.includes('j')));
  const words = args.filter((a) => !a.startsWith('-'));
  if (words[0] !== 'list' || words[1] !== 'ruleset') return unknown('nft');
  return json ? { format: 'nft-json', tool: 'nft-json' } : { format: 'nft', tool: 'nft' };
}

/** `ovs-ofctl [-O OpenFlow13] [--names] dump-flows BR` and `ovs-ofctl show BR`. */
function ofctlCommand(args: string[]): RecognizedCommand {
  const words = args.filter((a, i) => !a.startsWith('-') && !['-O', '--protocols'].includes(args[i - 1] ?? ''));
  if (words[0] === 'dump-flows') return { format: 'ovs-flows', tool: 'ovs-flows' };
  if (words[0] === 'show') return { format: 'ovs-ofctl-show', tool: 'ovs-ofctl-show' };
  return unknown('ovs-ofctl');
}

function kubectlCommand(args: string[]): RecognizedCommand {
  const exec = args.indexOf('exec');
  if (exec >= 0) {
    const dash = args.indexOf('--');
    const ns = optionValue(args, ['-n', '--namespace']);
    let pod: string | undefined;
    for (let i = exec + 1; i < (dash < 0 ? args.length : dash); i++) {
      const a = args[i]!;
      if (a.startsWith('-')) { if (KUBE_VALUE_OPTIONS.has(a)) i++; continue; }
      pod = a.startsWith('pod/') ? a.slice(4) : a;
      break;
    }
    const inner = dash >= 0 ? recognizeCommand(args.slice(dash + 1)) : null;
    const netns = pod === undefined ? undefined : ns === undefined ? pod : `${ns}/${pod}`;
    return { ...(inner ?? unknown('kubectl-exec')), ...(netns === undefined ? {} : { netns }) };
  }
  const get = args.indexOf('get');
  const output = optionValue(args, ['-o', '--output']);
  const format = get >= 0 ? KUBE_GET[args[get + 1] ?? ''] : undefined;
  if (format && (output === undefined || output === 'wide')) return { format, tool: format };
  return unknown(get >= 0 ? 'kubectl-get' : 'kubectl');
}

/**
 * Recognises the words of a command line (after the prompt). Null when there are no words.
 *
 * @example
 * recognizeCommand(['sudo', 'ip', 'netns', 'exec', 'cni-1', 'ip', '-d', 'addr']);
 * // { format: 'ip-addr', tool: 'ip-addr', netns: 'cni-1' }
 */
export function recognizeCommand(input: string[]): RecognizedCommand | null {
  const end = input.findIndex((w) => SEPARATORS.has(w));
  let words = end < 0 ? input : input.slice(0, end);
  while (words.length > 0 && (WRAPPERS.has(words[0]!) || words[0]!.includes('=') || (words[0]!.startsWith('-') && words.length > 1))) words = words.slice(1);
  const programWord = words[0];
  if (programWord === undefined) return null;
  const program = basename(programWord);
  const args = words.slice(1);
  switch (program) {
    case 'ip': return ipCommand(args);
    case 'ifconfig': return { format: 'ip-addr', tool: 'ifconfig' };
    case 'route': return { format: 'ip-route', tool: 'route' };
    case 'netstat': return args.some((a) => /^-[a-z]*r/.test(a)) ? { format: 'ip-route', tool: 'netstat-r' } : unknown('netstat');
    case 'bridge': return args.find((a) => !a.startsWith('-')) === 'fdb' ? { format: 'bridge-fdb', tool: 'bridge-fdb' } : unknown('bridge');
    case 'ipset': return ['list', 'save', '-L', '-l', '-S', '-s', '-o'].includes(args[0] ?? '') || args.length === 0 ? { format: 'ipset', tool: 'ipset' } : unknown('ipset');
    case 'conntrack': return args.some((a) => a === '-L' || a === '--dump' || a === '-E' || a === '--event') ? { format: 'conntrack', tool: 'conntrack' } : unknown('conntrack');
    case 'cat': return args.some((a) => a.endsWith('/nf_conntrack')) ? { format: 'conntrack', tool: 'conntrack' } : unknown('cat');
    case 'kubectl': case 'k': case 'oc': return kubectlCommand(args);
    case 'nsenter': {
      const dash = args.indexOf('--');
      const rest = dash >= 0 ? args.slice(dash + 1) : args.slice(args.findIndex((a, i) => !a.startsWith('-') && !['-t', '--target'].includes(args[i - 1] ?? '')));
      const target = optionValue(args, ['-t', '--target']);
      const net = optionValue(args, ['--net']);
      const inner = recognizeCommand(rest) ?? unknown('nsenter');
      const netns = net !== undefined ? basename(net) : target !== undefined ? `pid:${target}` : undefined;
      return netns === undefined ? inner : { ...inner, netns };
    }
    case 'docker': case 'crictl': case 'podman': case 'nerdctl': {
      if (args[0] !== 'exec') return unknown(program);
      let i = 1;
      while (i < args.length && args[i]!.startsWith('-')) i++;
      const inner = recognizeCommand(args.slice(i + 1)) ?? unknown(`${program}-exec`);
      return args[i] === undefined ? inner : { ...inner, netns: args[i]! };
    }
    case 'ipvsadm': return { format: 'ipvsadm', tool: args.some((a) => /^-[A-Za-z]*S/.test(a) || a === '--save') ? 'ipvsadm-save' : 'ipvsadm' };
    case 'ipvsadm-save': return { format: 'ipvsadm', tool: 'ipvsadm-save' };
    case 'nft': return nftCommand(args);
    case 'ovs-vsctl': return args.filter((a) => !a.startsWith('-'))[0] === 'show' ? { format: 'ovs-vsctl', tool: 'ovs-vsctl' } : unknown('ovs-vsctl');
    case 'ovs-ofctl': return ofctlCommand(args);
    default:
      if (/^(ip6?tables|xtables)(-legacy|-nft)?(-save)?$/.test(program)) return iptablesCommand(program.replace('xtables', 'iptables'), args);
      return unknown(program);
  }
}
