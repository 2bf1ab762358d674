/** Command-line arguments of `hopscope trace`, parsed without a library: the grammar is small. */

export interface TraceArgs {
  files: string[];
  packet?: string;
  from?: string;
  in?: string;
  local: boolean;
  json: boolean;
  reply: boolean;
  later: boolean;
  choices: Record<string, string>;
  node?: string;
  /** Inputs above this size are refused (exit 6). */
  maxInputMb: number;
}

export interface RedactArgs {
  files: string[];
  /** Folder to write the redacted copies to; without it a single file is printed. */
  out?: string;
  maxInputMb: number;
}

/** Inputs above this size are refused unless --max-input-mb says otherwise: the app warns at the same size. */
export const DEFAULT_MAX_INPUT_MB = 64;

export type ParsedArgs =
  | { command: 'trace'; args: TraceArgs }
  | { command: 'redact'; args: RedactArgs }
  | { command: 'help' }
  | { command: 'version' }
  | { command: 'error'; message: string };

export const USAGE = `Usage:
  hopscope trace FILE|SCENARIO-DIR... --packet "tcp 10.244.1.2:40000 > 10.96.0.10:80"
                 [--from NAMESPACE|POD|IP] [--in IFACE | --local] [--node NAME]
                 [--choose KEY=VALUE]... [--reply | --no-reply] [--later] [--json]

  FILE          a dump: iptables-save, iptables -S, iptables -L, ip addr, ip route (detected by shape)
  SCENARIO-DIR  a folder with a scenario.yaml (its dumps and first packet are used)
  --packet      PROTO [SRC[:PORT]] > DST[:PORT]
  --from        where the packet starts (default: the namespace holding SRC, else the node)
  --in IFACE    the packet arrives on IFACE of the node (e.g. from outside)
  --local       the packet is sent by a process on the node itself
  --node NAME   the node name for plain FILE arguments (default "node")
  --choose      follow a branch, e.g. --choose node:nat/KUBE-SVC-XXXX=nat/KUBE-SVC-XXXX#2
  --reply       follow the reply back (the default)
  --no-reply    do not follow the reply
  --later       after the reply, trace a later packet of the same connection
  --json        print one JSON object instead of text
  --max-input-mb N  refuse inputs larger than N MB (default 64)

  hopscope redact FILE|SCENARIO-DIR... [--out DIR]
                replaces IP and MAC addresses and node, pod, namespace and Service names
                consistently in every file (a new random mapping each run); prints a single
                FILE, or writes the redacted copies under DIR

Exit codes: 0 done, 1 usage, 2 unreadable file, 3 bad packet, 4 unknown format, 5 source not found,
6 input too large, 7 cannot write the output.`;

function megabytes(v: string | undefined): number | null {
  const n = Number(v);
  return v !== undefined && Number.isFinite(n) && n > 0 ? n : null;
}

function parseRedact(rest: string[]): ParsedArgs {
  const args: RedactArgs = { files: [], maxInputMb: DEFAULT_MAX_INPUT_MB };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a === '--out') {
      const v = rest[++i];
      if (v === undefined) return { command: 'error', message: '--out needs a folder' };
      args.out = v;
    } else if (a === '--max-input-mb') {
      const mb = megabytes(rest[++i]);
      if (mb === null) return { command: 'error', message: '--max-input-mb needs a positive number' };
      args.maxInputMb = mb;
    } else if (a.startsWith('-')) return { command: 'error', message: `unknown option ${a}` };
    else args.files.push(a);
  }
  if (args.files.length === 0) return { command: 'error', message: 'no dump files given' };
  return { command: 'redact', args };
}

export function parseArgs(argv: string[]): ParsedArgs {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') return { command: 'help' };
  if (command === '--version' || command === '-V') return { command: 'version' };
  if (command === 'redact') return parseRedact(rest);
  if (command !== 'trace') return { command: 'error', message: `unknown command "${command}"` };
  const args: TraceArgs = { files: [], local: false, json: false, reply: true, later: false, choices: {}, maxInputMb: DEFAULT_MAX_INPUT_MB };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    const value = (): string | undefined => rest[++i];
    switch (a) {
      case '--packet': case '-p': { const v = value(); if (v === undefined) return { command: 'error', message: '--packet needs a value' }; args.packet = v; break; }
      case '--from': { const v = value(); if (v === undefined) return { command: 'error', message: '--from needs a value' }; args.from = v; break; }
      case '--in': { const v = value(); if (v === undefined) return { command: 'error', message: '--in needs an interface' }; args.in = v; break; }
      case '--node': { const v = value(); if (v === undefined) return { command: 'error', message: '--node needs a name' }; args.node = v; break; }
      case '--choose': {
        const v = value();
        const eq = v?.lastIndexOf('=') ?? -1;
        if (!v || eq < 1) return { command: 'error', message: '--choose needs KEY=VALUE' };
        args.choices[v.slice(0, eq)] = v.slice(eq + 1);
        break;
      }
      case '--max-input-mb': {
        const mb = megabytes(value());
        if (mb === null) return { command: 'error', message: '--max-input-mb needs a positive number' };
        args.maxInputMb = mb;
        break;
      }
      case '--local': args.local = true; break;
      case '--json': args.json = true; break;
      case '--no-reply': args.reply = false; break;
      // The reply is followed by default; --reply says so explicitly (issue #4's spelling).
      case '--reply': args.reply = true; break;
      case '--later': args.later = true; break;
      default:
        if (a.startsWith('-')) return { command: 'error', message: `unknown option ${a}` };
        args.files.push(a);
    }
  }
  if (args.files.length === 0) return { command: 'error', message: 'no dump files given' };
  if (args.local && args.in) return { command: 'error', message: '--in and --local cannot be used together' };
  return { command: 'trace', args };
}
