/**
 * From the kernel's nft trace to the lines of the dumps a user pastes.
 *
 * `nft -a monitor trace` names each matched rule by table, chain and `# handle N`. The dumps
 * have no handles (`nft list ruleset`) or have them inside JSON (`nft -j list ruleset`), so:
 *   - text: `nft -a list ruleset` and `nft list ruleset` are the same text except for the
 *     ` # handle N` comments at the ends of table, chain, set and rule lines. They are compared
 *     line for line (every line must be equal once the comment is cut off, and the line counts
 *     must be equal); a rule's handle then gives its line number in the plain text.
 *   - JSON: each element of the `nftables` array is located in the text (its opening `{`,
 *     as line:column) and parsed; a rule element carries family, table, chain and handle.
 *   - iptables-nft tables (side by side): handle → position of the rule in its chain (from the
 *     `-a` text) → the n-th `-A CHAIN` line of that table in iptables-save's text, as the
 *     iptables cases do (scripts/lab/lib.sh lab_trace_map).
 *
 * Everything here is written independently of the engine's parsers on purpose.
 */

/** A rule as the kernel names it. */
export function ruleId(family: string, table: string, chain: string, handle: number): string {
  return `${family} ${table}\u0000${chain}\u0000${handle}`;
}

export interface TextRule {
  family: string;
  table: string;
  chain: string;
  handle: number;
  /** 1-based line in the plain `nft list ruleset` text. */
  line: number;
  /** 1-based position among the rules of its chain. */
  position: number;
  /** The rule as printed (without indentation). */
  text: string;
}

export interface HandleMap {
  rules: Map<string, TextRule>;
  /** Problems: the two texts do not correspond line for line. Empty when the mapping is sound. */
  errors: string[];
}

const HANDLE_SUFFIX = / # handle (\d+)$/;
/** Elements of dynamic sets count down between two listings: `expires 2h59m59s972ms`. */
const EXPIRES = / expires [0-9dhms]+/g;

/** Maps every rule handle of `nft -a list ruleset` to its line in `nft list ruleset`. */
export function mapHandles(withHandles: string, plain: string): HandleMap {
  const a = withHandles.split('\n');
  const p = plain.split('\n');
  const errors: string[] = [];
  const rules = new Map<string, TextRule>();
  if (a.length !== p.length) errors.push(`nft -a list ruleset has ${a.length} lines, nft list ruleset ${p.length}`);
  let family = '';
  let table = '';
  let chain: string | null = null;
  let position = 0;
  let depth = 0;
  for (let i = 0; i < Math.min(a.length, p.length); i++) {
    const line = a[i]!;
    const m = HANDLE_SUFFIX.exec(line);
    const stripped = m ? line.slice(0, m.index) : line;
    if (stripped.replace(EXPIRES, ' expires …') !== p[i]!.replace(EXPIRES, ' expires …')) {
      errors.push(`line ${i + 1} differs: nft -a "${line}" vs nft "${p[i]}"`);
      continue;
    }
    const t = /^table (\S+) (\S+) \{$/.exec(stripped);
    if (t && depth === 0) {
      family = t[1]!;
      table = t[2]!;
      depth = 1;
      continue;
    }
    const c = /^\t(?:chain) (\S+) \{$/.exec(stripped);
    if (c && depth === 1) {
      chain = c[1]!;
      position = 0;
      depth = 2;
      continue;
    }
    if (/^\t(?:set|map|flowtable|counter|quota|limit|ct \S+|secmark|synproxy) (\S+) \{$/.test(stripped) && depth === 1) {
      chain = null;
      depth = 2;
      continue;
    }
    if (stripped === '\t}' && depth === 2) {
      chain = null;
      depth = 1;
      continue;
    }
    if (stripped === '}' && depth === 1) {
      depth = 0;
      continue;
    }
    if (depth === 2 && chain !== null && m && /^\t\t\S/.test(stripped)) {
      position++;
      const handle = Number(m[1]);
      const id = ruleId(family, table, chain, handle);
      if (rules.has(id)) errors.push(`handle ${handle} twice in ${family} ${table} ${chain}`);
      rules.set(id, { family, table, chain, handle, line: i + 1, position, text: stripped.trim() });
    } else if (depth === 2 && chain !== null && /^\t\t\S/.test(stripped) && !/^\t\t(type |comment |policy |devices |device )/.test(stripped)) {
      // A chain line that is neither a declaration nor a rule with a handle: the mapping could not name it.
      errors.push(`line ${i + 1} in chain ${chain} has no handle: "${line}"`);
    }
  }
  if (rules.size === 0) errors.push('no rule handles found in nft -a list ruleset');
  return { rules, errors };
}

/** `-A` lines of iptables-save by table, chain and position: `table\0chain\0n` → line. */
export function iptablesSaveLines(save: string): Map<string, { line: number; text: string }> {
  const out = new Map<string, { line: number; text: string }>();
  const count = new Map<string, number>();
  let table = '';
  save.split('\n').forEach((l, i) => {
    if (l.startsWith('*')) table = l.slice(1).trim();
    const m = /^-A (\S+) /.exec(l);
    if (!m) return;
    const k = `${table}\u0000${m[1]}`;
    const n = (count.get(k) ?? 0) + 1;
    count.set(k, n);
    out.set(`${k}\u0000${n}`, { line: i + 1, text: l });
  });
  return out;
}

/** The tables (`*name`) iptables-save printed. */
export function iptablesTables(save: string): string[] {
  return save.split('\n').filter((l) => l.startsWith('*')).map((l) => l.slice(1).trim());
}

export interface JsonRule {
  line: number;
  column: number;
}

/** End offset of the string starting at `i` (a `"`). */
function stringEnd(s: string, i: number): number {
  let j = i + 1;
  while (j < s.length) {
    if (s[j] === '\\') j += 2;
    else if (s[j] === '"') return j + 1;
    else j++;
  }
  return j;
}

/** Every rule element of `nft -j list ruleset`: its handle → where its `{` is (line, column). */
export function jsonRulePositions(json: string): { rules: Map<string, JsonRule>; errors: string[] } {
  const rules = new Map<string, JsonRule>();
  const errors: string[] = [];
  const key = json.indexOf('"nftables"');
  const open = key < 0 ? -1 : json.indexOf('[', key);
  if (open < 0) return { rules, errors: ['no "nftables" array in nft -j output'] };
  const lineStarts = [0];
  for (let i = 0; i < json.length; i++) if (json[i] === '\n') lineStarts.push(i + 1);
  const where = (off: number): JsonRule => {
    let l = 0;
    while (l + 1 < lineStarts.length && lineStarts[l + 1]! <= off) l++;
    return { line: l + 1, column: off - lineStarts[l]! + 1 };
  };
  let depth = 0;
  let start = -1;
  for (let i = open + 1; i < json.length; i++) {
    const ch = json[i]!;
    if (ch === '"') {
      i = stringEnd(json, i) - 1;
      continue;
    }
    if (ch === '{' || ch === '[') {
      if (depth === 0) start = i;
      depth++;
    } else if (ch === '}' || ch === ']') {
      if (depth === 0) break; // the end of the nftables array
      depth--;
      if (depth === 0 && start >= 0) {
        const el = JSON.parse(json.slice(start, i + 1)) as { rule?: { family: string; table: string; chain: string; handle: number } };
        if (el.rule) {
          const r = el.rule;
          const id = ruleId(r.family, r.table, r.chain, r.handle);
          if (rules.has(id)) errors.push(`JSON: handle ${r.handle} twice in ${r.family} ${r.table} ${r.chain}`);
          rules.set(id, where(start));
        }
        start = -1;
      }
    }
  }
  if (rules.size === 0) errors.push('no rules in nft -j output');
  return { rules, errors };
}

export interface TraceLine {
  id: string;
  family: string;
  table: string;
  chain: string;
  kind: 'packet' | 'rule' | 'policy' | 'verdict' | 'other';
  handle?: number;
  /** The rule's text as the trace printed it. */
  ruleText?: string;
  verdict?: string;
  raw: string;
}

/** `trace id ID FAMILY TABLE CHAIN (packet: ...|rule TEXT # handle N (verdict V)|policy V|verdict V)`. */
export function parseTraceLine(raw: string): TraceLine | null {
  const m = /^trace id (\S+) (\S+) (\S+) (\S+) (.*)$/.exec(raw);
  if (!m) return null;
  const [, id, family, table, chain, rest] = m as unknown as [string, string, string, string, string, string];
  const base = { id, family, table, chain, raw };
  if (rest.startsWith('packet: ')) return { ...base, kind: 'packet' };
  if (rest.startsWith('policy ')) return { ...base, kind: 'policy', verdict: rest.slice(7).trim() };
  if (rest.startsWith('verdict ')) return { ...base, kind: 'verdict', verdict: rest.slice(8).trim() };
  if (rest.startsWith('rule ')) {
    const r = /^rule (.*) # handle (\d+) \(verdict (.*)\)$/.exec(rest);
    if (!r) return { ...base, kind: 'other' };
    return { ...base, kind: 'rule', ruleText: r[1]!, handle: Number(r[2]), verdict: r[3]! };
  }
  return { ...base, kind: 'other' };
}
