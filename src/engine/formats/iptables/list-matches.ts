/**
 * Readers for the print forms of the match modules Kubernetes, Docker and the CNIs use, each
 * producing the options the module's save form would have (see the table in
 * dump-formats.md §1). Recent options come out in save order, not print order, so the same rule
 * read from `-L` and from iptables-save has the same structure.
 */
import { diagnostic, type Diagnostic, type SourceSpan } from '../../diagnostics';
import { parsePort } from './services';
import type { Token } from './tokenize';
import type { ModuleMatch, Option } from './types';
import { msg } from '../../explain/message';

interface Ctx {
  file: string;
  line: number;
  diagnostics: Diagnostic[];
}

const PORT_MODULES = new Set(['tcp', 'udp', 'udplite', 'sctp', 'dccp']);
const CT_KEYS = new Set([
  'ctstate', 'ctproto', 'ctorigsrc', 'ctorigdst', 'ctreplsrc', 'ctrepldst', 'ctorigsrcport',
  'ctorigdstport', 'ctreplsrcport', 'ctrepldstport', 'ctstatus', 'ctexpire', 'ctdir',
]);
const TCP_FLAGS: readonly [number, string][] = [[0x01, 'FIN'], [0x02, 'SYN'], [0x04, 'RST'], [0x08, 'PSH'], [0x10, 'ACK'], [0x20, 'URG']];
const RECENT_MODES: Readonly<Record<string, string>> = { SET: 'set', CHECK: 'rcheck', UPDATE: 'update', REMOVE: 'remove' };

/** `FIN,SYN` stays; `0x17` (the -n form) becomes `FIN,SYN,RST,ACK`, as save prints it. */
function flagNames(text: string): string {
  if (!text.startsWith('0x')) return text;
  const v = parseInt(text.slice(2), 16);
  if (Number.isNaN(v)) return text;
  const names = TCP_FLAGS.filter(([bit]) => (v & bit) !== 0).map(([, name]) => name);
  return names.length > 0 ? names.join(',') : 'NONE';
}

/**
 * Reads one match's print form at `words[k]`; appends to `matches` and returns the next index,
 * or null when `words[k]` starts no known print form. `neg` is a `!` printed before it.
 */
export function readListMatch(words: Token[], k: number, neg: Token | null, matches: ModuleMatch[], ctx: Ctx): number | null {
  const w = words[k] as Token;
  const word = (o: number): Token | undefined => words[k + o];
  const span = (a: Token, b: Token): SourceSpan => ({ file: ctx.file, line: ctx.line, column: a.column, endColumn: b.endColumn });
  const start = (module: string, from: Token): ModuleMatch => {
    const m: ModuleMatch = { kind: 'module', module, options: [], implicit: false, span: span(from, from) };
    matches.push(m);
    return m;
  };
  const add = (m: ModuleMatch, name: string, args: string[], negate: boolean, from: Token, to: Token): void => {
    const option: Option = { name, negate, args, span: span(from, to) };
    m.options.push(option);
    if ((m.span.endColumn ?? 0) < to.endColumn) m.span.endColumn = to.endColumn;
  };
  /** Joins consecutive keys of one module (conntrack prints all its keys in one go). */
  const joinable = (module: string, name: string): ModuleMatch | null => {
    const last = matches[matches.length - 1];
    return last && last.module === module && !last.options.some((o) => o.name === name) ? last : null;
  };
  const from = neg ?? w;

  if (PORT_MODULES.has(w.text)) {
    const m = start(w.text, w);
    let j = k + 1;
    for (let p = words[j]; p && readPortWord(p, m, add, ctx); p = words[j]) j++;
    return j;
  }
  if (w.text === 'multiport' && word(1) && word(2)) {
    const kind = (word(1) as Token).text;
    if (kind !== 'sports' && kind !== 'dports' && kind !== 'ports') return null;
    let valueAt = 2;
    let negate = false;
    if (word(2)?.text === '!' && word(3)) {
      negate = true;
      valueAt = 3;
    }
    const value = word(valueAt) as Token;
    let raw = value.text;
    if (raw.startsWith('!')) {
      negate = true;
      raw = raw.slice(1);
    }
    const ports = raw.split(',').map((p) => p.split(':').map((q) => portText(q, value, ctx)).join(':')).join(',');
    add(start('multiport', w), kind, [ports], negate, w, value);
    return k + valueAt + 1;
  }
  if (w.text === 'ADDRTYPE' && word(1)?.text === 'match') {
    const m = start('addrtype', w);
    let j = k + 2;
    for (;;) {
      const key = words[j];
      const value = words[j + 1];
      if (key && (key.text === 'limit-in' || key.text === 'limit-out')) {
        add(m, key.text === 'limit-in' ? 'limit-iface-in' : 'limit-iface-out', [], false, key, key);
        j++;
      } else if (key && value && (key.text === 'src-type' || key.text === 'dst-type')) {
        const negate = value.text.startsWith('!');
        add(m, key.text, [negate ? value.text.slice(1) : value.text], negate, key, value);
        j += 2;
      } else break;
    }
    return j;
  }
  if ((CT_KEYS.has(w.text) || w.text === 'state') && word(1)) {
    const module = w.text === 'state' ? 'state' : 'conntrack';
    const m = joinable(module, w.text) ?? start(module, from);
    add(m, w.text, [(word(1) as Token).text], neg !== null, from, word(1) as Token);
    return k + 2;
  }
  if ((w.text === 'mark' || w.text === 'MARK') && word(1)?.text === 'match' && word(2)) {
    const negate = word(2)?.text === '!';
    const value = word(negate ? 3 : 2);
    if (!value) return null;
    add(start('mark', w), 'mark', [value.text], negate, w, value);
    return k + (negate ? 4 : 3);
  }
  if (w.text === 'statistic' && word(1)?.text === 'mode' && word(2)) {
    const m = start('statistic', w);
    add(m, 'mode', [(word(2) as Token).text], false, word(1) as Token, word(2) as Token);
    let j = k + 3;
    let negate = false;
    if (words[j]?.text === '!') {
      negate = true;
      j++;
    }
    for (let key = words[j], value = words[j + 1]; key && value && ['probability', 'every', 'packet'].includes(key.text); key = words[j], value = words[j + 1]) {
      add(m, key.text, [value.text], negate && key.text !== 'packet', key, value);
      j += 2;
    }
    return j;
  }
  if (w.text === 'recent:') return readRecent(words, k, neg, start('recent', from), add);
  if (w.text === 'match-set' && word(1) && word(2)) {
    const m = start('set', from);
    add(m, 'match-set', [(word(1) as Token).text, (word(2) as Token).text], neg !== null, from, word(2) as Token);
    let j = k + 3;
    if (words[j]?.text === 'return-nomatch') {
      add(m, 'return-nomatch', [], false, words[j] as Token, words[j] as Token);
      j++;
    }
    return j;
  }
  if (w.text === 'nfacct-name' && word(1)) {
    add(start('nfacct', w), 'nfacct-name', [(word(1) as Token).text], false, w, word(1) as Token);
    return k + 2;
  }
  if (w.text === 'limit:' && word(1)?.text === 'avg' && word(2) && word(3)?.text === 'burst' && word(4)) {
    const m = start('limit', w);
    add(m, 'limit', [(word(2) as Token).text], false, word(1) as Token, word(2) as Token);
    add(m, 'limit-burst', [(word(4) as Token).text], false, word(3) as Token, word(4) as Token);
    return k + 5;
  }
  if (w.text === 'icmp' && word(1)) {
    const m = start('icmp', w);
    const t = word(1) as Token;
    if (t.text === 'type' && word(2)) {
      const code = word(3)?.text === 'code' && word(4) ? `/${(word(4) as Token).text}` : '';
      add(m, 'icmp-type', [`${(word(2) as Token).text}${code}`], false, t, code ? (word(4) as Token) : (word(2) as Token));
      return k + (code ? 5 : 3);
    }
    const negate = t.text.startsWith('!');
    add(m, 'icmp-type', [negate ? t.text.slice(1) : t.text], negate, t, t);
    return k + 2;
  }
  return null;
}

type Add = (m: ModuleMatch, name: string, args: string[], negate: boolean, from: Token, to: Token) => void;

/** `spt:80`, `dpt:!80`, `dpts:30000:32767`, `flags:FIN,SYN/SYN`, `option=2` (libxt_tcp print). */
function readPortWord(p: Token, m: ModuleMatch, add: Add, ctx: Ctx): boolean {
  const colon = p.text.indexOf(':');
  const eq = p.text.indexOf('=');
  if (eq > 0 && p.text.slice(0, eq) === 'option') {
    const v = p.text.slice(eq + 1);
    add(m, 'tcp-option', [v.startsWith('!') ? v.slice(1) : v], v.startsWith('!'), p, p);
    return true;
  }
  if (colon <= 0) return false;
  const key = p.text.slice(0, colon);
  let value = p.text.slice(colon + 1);
  const negate = value.startsWith('!');
  if (negate) value = value.slice(1);
  if (key === 'flags') {
    const slash = value.indexOf('/');
    add(m, 'tcp-flags', [flagNames(value.slice(0, slash < 0 ? value.length : slash)), flagNames(slash < 0 ? '' : value.slice(slash + 1))], negate, p, p);
    return true;
  }
  const name = key === 'spt' || key === 'spts' ? 'sport' : key === 'dpt' || key === 'dpts' ? 'dport' : null;
  if (name === null) return false;
  add(m, name, [value.split(':').map((q) => portText(q, p, ctx)).join(':')], negate, p, p);
  return true;
}

/** A port as save prints it: numbers stay, /etc/services names map back; unknown names stay (IPT010). */
function portText(text: string, at: Token, ctx: Ctx): string {
  const port = parsePort(text);
  if (port !== null) return String(port);
  ctx.diagnostics.push(diagnostic('IPT010', { file: ctx.file, line: ctx.line, column: at.column, endColumn: at.endColumn },
    msg('diag.IPT010.portNameKnownService', { text }), 'warning'));
  return text;
}

/** `recent: CHECK seconds: 10800 reap name: X side: source mask: 255.255.255.255` (libxt_recent print). */
function readRecent(words: Token[], k: number, neg: Token | null, m: ModuleMatch, add: Add): number {
  const found = new Map<string, { args: string[]; from: Token; to: Token }>();
  let j = k + 1;
  for (;;) {
    const key = words[j];
    if (!key) break;
    const value = words[j + 1];
    const mode = RECENT_MODES[key.text];
    if (mode) found.set(mode, { args: [], from: key, to: key });
    else if (key.text === 'reap') found.set('reap', { args: [], from: key, to: key });
    else if (key.text === 'TTL-Match') found.set('rttl', { args: [], from: key, to: key });
    else if (value && (key.text === 'seconds:' || key.text === 'hit_count:' || key.text === 'name:' || key.text === 'mask:')) {
      const name = key.text === 'hit_count:' ? 'hitcount' : key.text.slice(0, -1);
      found.set(name, { args: [value.text], from: key, to: value });
      j++;
    } else if (value && key.text === 'side:') {
      found.set(value.text === 'dest' ? 'rdest' : 'rsource', { args: [], from: key, to: value });
      j++;
    } else break;
    j++;
  }
  for (const name of ['set', 'rcheck', 'update', 'remove', 'seconds', 'reap', 'hitcount', 'rttl', 'name', 'mask', 'rsource', 'rdest']) {
    const f = found.get(name);
    if (f) add(m, name, f.args, neg !== null && RECENT_MODES[f.from.text] !== undefined, f.from, f.to);
  }
  return j;
}
