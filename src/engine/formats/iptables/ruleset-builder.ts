/**
 * Builds an `IptablesRuleset` from statements in the order a parser reads them. Rule ids and
 * positions are assigned once at the end, because `-I CHAIN N` can insert before rules
 * already read.
 */
import type { SourceSpan } from '../../diagnostics';
import { isBuiltinChain } from './extensions';
import type { Chain, Counters, IptablesRuleset, Rule, Table, TableName } from './types';

/** A rule before it has its place: the builder fills `id`, `table`, `chain` and `position`. */
export type RuleDraft = Omit<Rule, 'id' | 'table' | 'chain' | 'position'>;

export class RulesetBuilder {
  readonly tables = new Map<TableName, Table>();

  constructor(
    private readonly file: string,
    private readonly source: IptablesRuleset['source'],
    /** Makes the chain objects (iptables-save's lazy form uses its own class). */
    private readonly makeChain: (fields: Chain) => Chain = (fields) => fields,
  ) {}

  /** The table, created on first use; `span` is kept from its first declaration. */
  table(name: TableName, span: SourceSpan | null = null): Table {
    let table = this.tables.get(name);
    if (!table) {
      table = { name, chains: new Map(), span };
      this.tables.set(name, table);
    } else if (!table.span && span) {
      table.span = span;
    }
    return table;
  }

  /**
   * Declares a chain (`:NAME POLICY [p:b]`, `-N NAME`, `Chain NAME (...)`). Returns
   * `duplicate: true`, and keeps the first declaration, when the chain was already declared.
   */
  declareChain(
    table: Table,
    name: string,
    span: SourceSpan,
    policy: 'ACCEPT' | 'DROP' | null = null,
    counters?: Counters,
  ): { chain: Chain; duplicate: boolean } {
    const existing = table.chains.get(name);
    if (existing && existing.span) return { chain: existing, duplicate: true };
    const chain = existing ?? this.newChain(table, name, null);
    chain.span = span;
    if (chain.builtin) chain.policy = policy ?? chain.policy ?? 'ACCEPT';
    if (counters) chain.counters = counters;
    return { chain, duplicate: false };
  }

  /** Sets a built-in chain's policy (`-P CHAIN POLICY`), creating the chain if needed. */
  setPolicy(table: Table, name: string, policy: 'ACCEPT' | 'DROP', span: SourceSpan, counters?: Counters): Chain {
    const chain = table.chains.get(name) ?? this.newChain(table, name, span);
    if (!chain.span) chain.span = span;
    chain.policy = policy;
    if (counters) chain.counters = counters;
    return chain;
  }

  /** The chain, or undefined when it was neither declared nor implied yet. */
  chain(table: Table, name: string): Chain | undefined {
    return table.chains.get(name);
  }

  /** The chain, created as "implied by a rule" (span null) when missing. */
  ensureChain(table: Table, name: string): Chain {
    return table.chains.get(name) ?? this.newChain(table, name, null);
  }

  /** Drops a chain's rules: a later `iptables -L` listing of the same chain replaces the earlier. */
  resetChain(chain: Chain, span: SourceSpan): void {
    chain.rules = [];
    chain.span = span;
  }

  /** Appends, or inserts before 1-based `insertAt` (`-I CHAIN N`; past the end appends). */
  addRule(table: Table, chain: Chain, draft: RuleDraft, insertAt?: number): Rule {
    const rule: Rule = { id: '', table: table.name, chain: chain.name, position: 0, ...draft };
    if (insertAt === undefined || insertAt > chain.rules.length) chain.rules.push(rule);
    else chain.rules.splice(Math.max(0, insertAt - 1), 0, rule);
    return rule;
  }

  /** Finishes: numbers rules 1..n in each chain and gives them `table/chain#position` ids. */
  build(family: IptablesRuleset['family'], generator?: IptablesRuleset['generator']): IptablesRuleset {
    for (const table of this.tables.values()) {
      for (const chain of table.chains.values()) {
        chain.rules.forEach((rule, index) => {
          rule.position = index + 1;
          rule.id = `${table.name}/${chain.name}#${index + 1}`;
        });
      }
    }
    const ruleset: IptablesRuleset = { family, source: this.source, tables: this.tables, files: [this.file] };
    if (generator) ruleset.generator = generator;
    return ruleset;
  }

  private newChain(table: Table, name: string, span: SourceSpan | null): Chain {
    const builtin = isBuiltinChain(table.name, name);
    const chain = this.makeChain({ name, table: table.name, builtin, policy: builtin ? 'ACCEPT' : null, rules: [], span });
    table.chains.set(name, chain);
    return chain;
  }
}
