/**
 * Shell prompt lines in a pasted transcript: `root@node-1:~# ip -d addr`, `[root@worker1 ~]# iptables-save`,
 * `$ ip route`, `node-1 ~ # ...`, `(⎈|kind:N/A) root@host:~# kubectl get pods`, `PS C:\> kubectl get svc`.
 * The words after the prompt are the command; the host in it names the node.
 */
import type { Token } from '../ip-link/text-lines';
import { recognizeCommand, type RecognizedCommand } from './commands';

export interface PromptLine {
  /** The host named by the prompt (`node-1` in `root@node-1:~#`), when it names one. */
  host?: string;
  /** The command as typed, from its first word to the end of the line. */
  command: string;
  recognized: RecognizedCommand;
}

const BARE_PROMPTS = new Set(['#', '$', '%', '❯', '➜', '>']);

/** `root@node-1:~#` → `node-1`; `[root@worker1` → `worker1`; `node-1:~$` → `node-1`. */
function hostOf(prompt: string): string | undefined {
  if (prompt.includes('\\')) return undefined; // `C:\Users\me>`: a drive, not a host
  let s = prompt.startsWith('[') ? prompt.slice(1) : prompt;
  const at = s.indexOf('@');
  if (at >= 0) s = s.slice(at + 1);
  else if (!s.includes(':')) return undefined;
  let end = 0;
  while (end < s.length && /[A-Za-z0-9._-]/.test(s[end]!)) end++;
  const host = s.slice(0, end);
  return host === '' || host === 'localhost' ? undefined : host;
}

function isPromptEnd(t: string): boolean {
  if (BARE_PROMPTS.has(t)) return true;
  if (t.length < 2 || !(t.endsWith('#') || t.endsWith('$') || t.endsWith('>'))) return false;
  // `user@host:path#`, `[user@host path]#`, `host:~$`, `C:\>`: a bare word ending in `#` (a comment) is not one.
  return t.includes('@') || t.includes(']') || t.includes(':') || t.includes('~');
}

/**
 * Reads a prompt line; null when the line is not one. A line starting with a bare `#` is a
 * prompt only when a known dump command follows (`# iptables-save`), since dumps have `#` comments.
 *
 * @example
 * parsePromptLine(tokenizeLine('root@node-1:~# ip -d addr'), 'root@node-1:~# ip -d addr');
 * // { host: 'node-1', command: 'ip -d addr', recognized: { format: 'ip-addr', tool: 'ip-addr' } }
 */
export function parsePromptLine(tokens: Token[], raw: string): PromptLine | null {
  const limit = Math.min(tokens.length - 1, 4);
  for (let i = 0; i < limit; i++) {
    const t = tokens[i]!.text;
    if (!isPromptEnd(t)) continue;
    if (t === '>' && tokens[0]!.text !== 'PS') continue;
    const words = tokens.slice(i + 1).map((x) => x.text);
    const recognized = recognizeCommand(words);
    if (!recognized) return null;
    if (i === 0 && (t === '#' || t === '%') && recognized.format === 'unknown') return null;
    const line: PromptLine = { command: raw.slice(tokens[i + 1]!.column - 1).trimEnd(), recognized };
    let host: string | undefined;
    for (let k = 0; k <= i && host === undefined; k++) host = hostOf(tokens[k]!.text);
    if (host !== undefined) line.host = host;
    return line;
  }
  return null;
}
