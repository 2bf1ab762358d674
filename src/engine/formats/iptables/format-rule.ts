/**
 * Prints a parsed rule back in iptables-save form (`-A CHAIN …`): string values (comments, log
 * prefixes) quoted the way `xtables_save_string` does, everything else raw as iptables' printf
 * leaves it. Used to show a rule from any dump in one canonical spelling, and by the round-trip
 * property test (print → parse gives the same rule back).
 */
import { RAW_BASIC_MODULE } from './extensions';
import type { Match, Option, Rule, Target } from './types';

const BASIC_FLAGS: Readonly<Record<string, string>> = {
  src: '-s', dst: '-d', iif: '-i', oif: '-o', proto: '-p', fragment: '-f',
  source: '-s', destination: '-d', 'in-interface': '-i', 'out-interface': '-o', protocol: '-p',
};

function isBareChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45;
}

/** Options whose values iptables prints through `xtables_save_string` (always quoted unless plain). */
const STRING_OPTIONS = new Set(['comment', 'log-prefix', 'nflog-prefix', 'ulog-prefix', 'string']);

function escaped(value: string): string {
  let out = '"';
  for (const ch of value) out += ch === '"' || ch === '\\' || ch === "'" ? `\\${ch}` : ch;
  return `${out}"`;
}

/**
 * A string value as `xtables_save_string` writes it: bare when non-empty and only
 * `[A-Za-z0-9_-]`, else in double quotes with `\` before `"`, `\` and `'`. Unlike iptables, a
 * value starting with `-` is quoted too, so it cannot be read back as an option.
 */
export function quoteValue(value: string): string {
  let bare = value.length > 0 && value.charCodeAt(0) !== 45;
  for (let i = 0; bare && i < value.length; i++) bare = isBareChar(value.charCodeAt(i));
  return bare ? value : escaped(value);
}

/**
 * Any other value (addresses, ports, marks, probabilities): iptables prints these raw with
 * printf; they are quoted here only when the tokenizer would otherwise misread them.
 */
export function rawValue(value: string): string {
  const unsafe = value === '' || value === '!' || value.startsWith('-') || value.startsWith('#') || /[\s"'\\]/.test(value);
  return unsafe ? escaped(value) : value;
}

function formatOption(o: Option, prefix = '--'): string {
  const head = `${o.negate ? '! ' : ''}${prefix}${o.name}`;
  const write = STRING_OPTIONS.has(o.name) ? quoteValue : rawValue;
  return o.args.length === 0 ? head : `${head} ${o.args.map(write).join(' ')}`;
}

function formatMatch(m: Match): string {
  switch (m.kind) {
    case 'src':
    case 'dst':
    case 'proto':
      return `${m.negate ? '! ' : ''}${BASIC_FLAGS[m.kind]} ${rawValue(m.text)}`;
    case 'iif':
    case 'oif':
      return `${m.negate ? '! ' : ''}${BASIC_FLAGS[m.kind]} ${rawValue(m.name)}`;
    case 'fragment':
      return `${m.negate ? '! ' : ''}-f`;
    case 'module': {
      if (m.module === RAW_BASIC_MODULE) {
        return m.options.map((o) => `${o.negate ? '! ' : ''}${BASIC_FLAGS[o.name] ?? `--${o.name}`} ${o.args.map(rawValue).join(' ')}`.trimEnd()).join(' ');
      }
      const parts = m.implicit ? [] : [`-m ${rawValue(m.module)}`];
      for (const o of m.options) parts.push(formatOption(o));
      return parts.join(' ');
    }
  }
}

function formatTarget(t: Target): string {
  const parts = [`${t.goto ? '-g' : '-j'} ${rawValue(t.name)}`];
  for (const o of t.options) parts.push(formatOption(o));
  return parts.join(' ');
}

/**
 * `-A CHAIN matches… [-j TARGET options…]`, matches in the order given.
 *
 * @example
 * formatRuleSave(rule); // '-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000'
 */
export function formatRuleSave(rule: Pick<Rule, 'chain' | 'matches' | 'target'>): string {
  const parts = [`-A ${rawValue(rule.chain)}`];
  for (const m of rule.matches) {
    const text = formatMatch(m);
    if (text !== '') parts.push(text);
  }
  if (rule.target) parts.push(formatTarget(rule.target));
  return parts.join(' ');
}
