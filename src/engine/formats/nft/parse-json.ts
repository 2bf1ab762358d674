/**
 * `nft -j list ruleset` → `NftRuleset`, the same AST as the text parser. JSON carries no line
 * numbers: every table, chain, set and rule gets the position of its object in the text — its own
 * line when the JSON is pretty-printed (`nft -j ... | jq .`), else line 1 with the object's column
 * (`nft -j` prints one line). Statements share their rule's span. Each element of the `nftables`
 * array is parsed on its own, so a damaged or truncated paste still yields its intact elements.
 */
import { diagnostic, type Diagnostic, type ParseResult, type SourceSpan } from '../../diagnostics';
import { markIptablesTables } from './iptables-nft';
import { isObj, jsonElement, jsonStatement, single } from './json-expr';
import { lineColumn, lineStartsOf, scanNftablesArray } from './json-scan';
import { compactJson } from './json-text';
import { resolvePriority } from './priority';
import { checkReferences } from './references';
import type { NftChain, NftFamily, NftRuleset, NftSet, NftStatement, NftTable } from './types';
import { msg } from '../../explain/message';

const FAMILIES = new Set<NftFamily>(['ip', 'ip6', 'inet', 'arp', 'bridge', 'netdev']);
const OBJECTS = new Set(['counter', 'quota', 'limit', 'secmark', 'synproxy', 'flowtable', 'tunnel', 'ct helper', 'ct timeout', 'ct expectation']);
type Obj = Record<string, unknown>;

/** Compact JSON of a value, cut at 2000 characters (bounded cost however deep the value nests). */
const text = (j: unknown): string => compactJson(j, 2000);
const num = (j: unknown): number | undefined => (typeof j === 'number' && Number.isFinite(j) ? j : undefined);
const strs = (j: unknown): string[] => (typeof j === 'string' ? [j] : Array.isArray(j) ? j.filter((x): x is string => typeof x === 'string') : []);

class JsonBuilder {
  readonly diags: Diagnostic[] = [];
  readonly tables: NftTable[] = [];
  nftVersion?: string;
  private readonly byKey = new Map<string, NftTable>();
  private readonly declared = new Set<NftChain>();
  private readonly xtSeen = new Set<string>();

  constructor(private readonly file: string) {}

  private table(o: Obj, span: SourceSpan, create = false): NftTable | null {
    const family = o.family;
    const name = typeof o.table === 'string' ? o.table : o.name;
    if (typeof family !== 'string' || typeof name !== 'string') return null;
    const key = `${family} ${name}`;
    const existing = this.byKey.get(key);
    if (existing || !create) return existing ?? null;
    if (!FAMILIES.has(family as NftFamily)) this.diags.push(diagnostic('NFT003', span, msg('diag.NFT003.unknownTableFamilyRead', { family }), 'error'));
    const table: NftTable = {
      family: FAMILIES.has(family as NftFamily) ? (family as NftFamily) : 'ip', name, flags: [], chains: [], sets: [], objects: [], managedByIptables: false, span,
    };
    this.byKey.set(key, table);
    this.tables.push(table);
    return table;
  }

  add(kind: string, o: Obj, span: SourceSpan): void {
    if (kind === 'metainfo') {
      if (typeof o.version === 'string') this.nftVersion = o.version;
      return;
    }
    if (kind === 'table') {
      const t = this.table({ ...o, table: o.name }, span, true);
      if (!t) return this.skip(kind, span);
      if (num(o.handle) !== undefined) t.handle = num(o.handle)!;
      if (typeof o.comment === 'string') t.comment = o.comment;
      t.flags = strs(o.flags);
      return;
    }
    // Older nft lists objects before their table on partial listings: create the table then.
    const table = this.table(o, span, true);
    if (!table) return this.skip(kind, span);
    if (kind === 'chain') this.chain(table, o, span);
    else if (kind === 'rule') this.rule(table, o, span);
    else if (kind === 'set' || kind === 'map') this.set(table, kind, o, span);
    else if (kind === 'element') this.elementList(table, o, span);
    else if (OBJECTS.has(kind) && typeof o.name === 'string') {
      table.objects.push({ kind, name: o.name, ...(num(o.handle) !== undefined ? { handle: num(o.handle)! } : {}), text: text({ [kind]: o }), span });
      this.diags.push(diagnostic('NFT012', span, msg('diag.NFT012.keptAsTextSimulated', { kind, oName: o.name }), 'info'));
    } else this.skip(kind, span);
  }

  private skip(kind: string, span: SourceSpan): void {
    this.diags.push(diagnostic('NFT014', span, msg('diag.NFT014.jsonObjectUnderstoodSkipped', { kind }), 'warning'));
  }

  private readonly chains = new Map<NftTable, Map<string, NftChain>>();
  private readonly sets = new Map<NftTable, Map<string, NftSet>>();

  private chainOf(table: NftTable, name: string, span: SourceSpan): NftChain {
    const byName = this.chains.get(table) ?? new Map<string, NftChain>();
    this.chains.set(table, byName);
    let chain = byName.get(name);
    if (!chain) {
      chain = { name, rules: [], span };
      byName.set(name, chain);
      table.chains.push(chain);
    }
    return chain;
  }

  private chain(table: NftTable, o: Obj, span: SourceSpan): void {
    if (typeof o.name !== 'string') return this.skip('chain', span);
    const chain = this.chainOf(table, o.name, span);
    if (this.declared.has(chain)) this.diags.push(diagnostic('NFT016', span, msg('diag.NFT016.chainDeclaredTwiceTable', { oName: o.name, tableName: table.name }), 'warning'));
    this.declared.add(chain);
    if (num(o.handle) !== undefined) chain.handle = num(o.handle)!;
    if (typeof o.comment === 'string') chain.comment = o.comment;
    if (typeof o.type === 'string' || typeof o.hook === 'string') {
      const prio = num(o.prio);
      const priority = prio !== undefined ? { value: prio, text: String(prio) } : resolvePriority(table.family, [String(o.prio ?? '')]);
      if (priority.value === null) this.diags.push(diagnostic('NFT005', span, msg('diag.NFT005.priorityNumber', { priority: JSON.stringify(o.prio) }), 'warning'));
      chain.base = {
        type: typeof o.type === 'string' ? o.type : '', hook: typeof o.hook === 'string' ? o.hook : '',
        devices: [...strs(o.dev), ...strs(o.devs)], priority, policy: o.policy === 'drop' ? 'drop' : 'accept',
      };
    }
  }

  private rule(table: NftTable, o: Obj, span: SourceSpan): void {
    if (typeof o.chain !== 'string' || !Array.isArray(o.expr)) return this.skip('rule', span);
    if (!this.chains.get(table)?.has(o.chain)) {
      this.diags.push(diagnostic('NFT014', span, msg('diag.NFT014.ruleChainWhichWas', { oChain: o.chain }), 'warning'));
    }
    const chain = this.chainOf(table, o.chain, span);
    const statements: NftStatement[] = [];
    let opaque = false;
    for (const e of o.expr) {
      const body = jsonStatement(e, span);
      const t = text(e);
      if (body) {
        statements.push({ ...body, text: t, span } as NftStatement);
        if (body.kind === 'xt') {
          opaque = true;
          const key = `${body.xtType} ${body.name}`;
          if (!this.xtSeen.has(key)) this.diags.push(diagnostic('NFT009', span, msg('diag.NFT009.iptablesCompatExpressionXt', { key }), 'info'));
          this.xtSeen.add(key);
        }
      } else {
        const kind = single(e)?.[0] ?? 'expression';
        statements.push({ kind: 'opaque', reason: `"${kind}" is not understood here`, text: t, span });
        this.diags.push(diagnostic('NFT008', span, msg('diag.NFT008.ruleExpressionUnderstoodKept', { text: t.length > 60 ? `${t.slice(0, 57)}...` : t }), 'warning'));
        opaque = true;
      }
    }
    chain.rules.push({
      ...(num(o.handle) !== undefined ? { handle: num(o.handle)! } : {}), ...(typeof o.comment === 'string' ? { comment: o.comment } : {}),
      statements, text: text({ rule: o }), opaque, span,
    });
  }

  private set(table: NftTable, kind: 'set' | 'map', o: Obj, span: SourceSpan): void {
    if (typeof o.name !== 'string') return this.skip(kind, span);
    const set: NftSet = {
      kind, name: o.name, keyType: strs(o.type), flags: strs(o.flags), autoMerge: o['auto-merge'] === true, counter: isObj(o.stmt) || o.counter === true,
      elements: [], span,
    };
    if (num(o.handle) !== undefined) set.handle = num(o.handle)!;
    if (kind === 'map' && o.map !== undefined) set.dataType = strs(o.map).join(' . ');
    if (num(o.timeout) !== undefined) set.timeoutSeconds = num(o.timeout)!;
    if (num(o['gc-interval']) !== undefined) set.gcIntervalSeconds = num(o['gc-interval'])!;
    if (num(o.size) !== undefined) set.size = num(o.size)!;
    if (typeof o.policy === 'string') set.policy = o.policy;
    if (typeof o.comment === 'string') set.comment = o.comment;
    const byName = this.sets.get(table) ?? new Map<string, NftSet>();
    this.sets.set(table, byName);
    if (byName.has(set.name)) this.diags.push(diagnostic('NFT016', span, msg('diag.NFT016.setDeclaredTwiceTable', { setName: set.name, tableName: table.name }), 'warning'));
    else byName.set(set.name, set);
    table.sets.push(set);
    this.addElements(set, o.elem, span);
  }

  private elementList(table: NftTable, o: Obj, span: SourceSpan): void {
    const set = typeof o.name === 'string' ? this.sets.get(table)?.get(o.name) : undefined;
    if (!set) return this.skip('element', span);
    this.addElements(set, o.elem, span);
  }

  private addElements(set: NftSet, elem: unknown, span: SourceSpan): void {
    if (elem === undefined) return;
    for (const item of Array.isArray(elem) ? elem : [elem]) {
      const el = jsonElement(item, span);
      if (el) set.elements.push(el);
      else this.diags.push(diagnostic('NFT007', span, msg('diag.NFT007.elementSetUnderstoodSkipped', { text: text(item), setName: set.name }), 'warning'));
    }
  }
}

/**
 * Parses `nft -j list ruleset` output (compact or pretty-printed) into the AST `parseNftRuleset`
 * builds. Never throws: invalid JSON is `NFT013`, unknown objects `NFT014`, unknown expressions
 * keep their rule as opaque (`NFT008`).
 *
 * @example
 * const { value } = parseNftJson('{"nftables": [{"table": {"family": "ip", "name": "t", "handle": 1}}]}', 'rules.json');
 * value.tables[0].name; // 't'
 */
export function parseNftJson(input: string, file: string): ParseResult<NftRuleset> {
  const builder = new JsonBuilder(file);
  const starts = lineStartsOf(input);
  const lineEnd = (line: number) => {
    const next = starts[line];
    const end = next === undefined ? input.length : next - 1;
    return end > starts[line - 1]! && input[end - 1] === '\r' ? end - 1 : end;
  };
  const spanAt = (start: number, end: number): SourceSpan => {
    const from = Math.min(start, input.length);
    const to = Math.min(Math.max(from, end), input.length);
    const a = lineColumn(starts, from);
    const b = lineColumn(starts, Math.max(from, to - 1));
    // One line: up to the element's end; several: the rest of the first line. Never past a line's end.
    const stop = a.line === b.line ? starts[a.line - 1]! + b.column : lineEnd(a.line);
    const endColumn = Math.max(a.column, Math.min(stop, lineEnd(a.line)) - starts[a.line - 1]! + 1);
    return { file, line: a.line, column: Math.min(a.column, endColumn), endColumn };
  };
  const scan = scanNftablesArray(input);
  if (scan.error) builder.diags.push(diagnostic('NFT013', spanAt(scan.error.offset, scan.error.offset + 1), scan.error.message, 'error'));
  for (const r of scan.ranges) {
    const span = spanAt(r.start, r.end);
    let value: unknown;
    try {
      value = JSON.parse(input.slice(r.start, r.end));
    } catch (e) {
      builder.diags.push(diagnostic('NFT013', span, msg('diag.NFT013.invalidJsonElementSkipped', { detail: e instanceof Error ? e.message.slice(0, 80) : 'parse error' }), 'error'));
      continue;
    }
    const kv = single(value);
    if (!kv || !isObj(kv[1])) {
      builder.diags.push(diagnostic('NFT014', span, msg('diag.NFT014.elementNftablesThatKind'), 'warning'));
      continue;
    }
    builder.add(kv[0], kv[1], span);
  }
  markIptablesTables(builder.tables, new Set(), builder.diags);
  checkReferences(builder.tables, builder.diags);
  const ruleset: NftRuleset = { tables: builder.tables, format: 'json', files: [file] };
  if (builder.nftVersion !== undefined) ruleset.nftVersion = builder.nftVersion;
  return { value: ruleset, diagnostics: builder.diags };
}
