/**
 * Walks one table's built-in chain for a hook, as the kernel's ipt_do_table does: rules in
 * order, a jump stack for user chains, RETURN pops, goto replaces the frame, the built-in
 * chain's policy when it runs out. Each stretch of rules evaluated in one chain becomes a
 * `ChainVisit`, which the trace shows as one hop.
 */
import type { Msg } from '../explain/message';
import { msg } from '../explain/message';
import type { Chain, IptablesRuleset, Rule, TableName } from '../formats/iptables/types';
import { clonePacket, type Packet } from '../trace/packet';
import type { BranchNode, Hook, RuleNode, RuleRef } from '../trace/types';
import { hasRandomRules, randomCascade } from './branches';
import { chainIndexOf, nextCandidate } from './chain-index';
import type { MatchContext } from './context';
import { evaluateRule } from './evaluate-rule';
import { applyTarget, type TargetContext, type TargetOutcome } from './targets';

/** Guards against runaway walks; the kernel refuses looping rulesets, a pasted dump may still have one. */
const MAX_RULE_EVALUATIONS = 200_000;
const MAX_STACK = 64;

export interface ChainVisit {
  /** An iptables table, or an nftables table as "family name". */
  table: TableName | (string & {});
  chain: string;
  /** Chains below this one on the jump stack, outermost first. */
  stack: string[];
  resumed: boolean;
  rules: RuleNode[];
  /** The rule whose target ended this visit (jump, goto, return, verdict, NAT), if any. */
  decidedBy?: RuleRef;
  outcome: TargetOutcome | { kind: 'policy'; policy: 'ACCEPT' | 'DROP' } | { kind: 'end' };
  branch?: BranchNode;
  assumptions: Msg[];
  errors: Msg[];
  before: Packet;
  after: Packet;
}

export type TableVerdict =
  | { kind: 'accept' }
  | { kind: 'drop'; rejectWith?: string; reject: boolean }
  | { kind: 'nat'; nat: 'DNAT' | 'SNAT'; ip: string; port: number | null };

export interface TableResult {
  visits: ChainVisit[];
  verdict: TableVerdict;
  packet: Packet;
  decidedBy?: RuleRef;
}

export interface WalkOptions {
  ruleset: IptablesRuleset;
  table: TableName;
  hook: Hook;
  /** Namespace id, to key branch choices. */
  scope: string;
  match: Omit<MatchContext, 'packet' | 'randomPick'>;
  target: TargetContext;
  choices: Record<string, string>;
  /** Evaluate every rule even in long chains (no index); tests compare both walks. */
  scan?: boolean;
}

export function ruleRef(rule: Rule): RuleRef {
  return { id: rule.id, table: rule.table, chain: rule.chain, position: rule.position, text: rule.text, target: rule.target?.name ?? null, span: rule.span };
}

interface Frame {
  chain: Chain;
  next: number;
}

export function walkTable(packet: Packet, opts: WalkOptions): TableResult | null {
  const table = opts.ruleset.tables.get(opts.table);
  const builtin = table?.chains.get(opts.hook);
  if (!table || !builtin) return null;

  const visits: ChainVisit[] = [];
  const stack: Frame[] = [];
  let current: Frame = { chain: builtin, next: 0 };
  let pkt = packet;
  let evaluations = 0;
  let visit = startVisit(current.chain, [], false, pkt);
  visits.push(visit);

  const finish = (verdict: TableVerdict, decidedBy?: RuleRef): TableResult => {
    visit.after = pkt;
    return decidedBy ? { visits, verdict, packet: pkt, decidedBy } : { visits, verdict, packet: pkt };
  };
  const resumeParent = (): boolean => {
    const parent = stack.pop();
    if (!parent) return false;
    visit.after = pkt;
    current = parent;
    visit = startVisit(current.chain, stack.map((f) => f.chain.name), true, pkt);
    visits.push(visit);
    return true;
  };
  const policyVerdict = (): TableResult => {
    const policy = builtin.policy ?? 'ACCEPT';
    visit.outcome = { kind: 'policy', policy };
    return finish(policy === 'DROP' ? { kind: 'drop', reject: false } : { kind: 'accept' });
  };

  for (;;) {
    const chain = current.chain;
    // Long chains skip the rules whose destination address or port cannot match (chain-index.ts).
    const index = opts.scan ? null : chainIndexOf(chain);
    if (index && current.next < chain.rules.length) current.next = nextCandidate(index, chain.rules.length, pkt, current.next);
    if (current.next >= chain.rules.length) {
      // The end of a user chain returns to the caller; the end of the built-in chain applies its policy.
      if (stack.length === 0) return policyVerdict();
      visit.outcome = { kind: 'end' };
      resumeParent();
      continue;
    }
    if (++evaluations > MAX_RULE_EVALUATIONS) {
      visit.errors.push(msg('error.tooManyRules', { limit: MAX_RULE_EVALUATIONS }));
      return finish({ kind: 'drop', reject: false });
    }
    const rule = chain.rules[current.next]!;
    // Test the rule's own matches first: scanning the chain for every rule would be quadratic.
    if (!visit.branch && rule.matches.some((m) => m.kind === 'module' && m.module === 'statistic') && hasRandomRules(chain)) {
      visit.branch = makeBranch(`${opts.scope}:${opts.table}/${chain.name}`, chain, current.next, { ...opts.match, packet: pkt, randomPick: () => true }, opts.choices);
    }
    const chosen = visit.branch?.chosen;
    const ctx: MatchContext = { ...opts.match, packet: pkt, randomPick: (id) => id === chosen };
    const ev = evaluateRule(rule, ctx);
    const node: RuleNode = { kind: 'rule', rule: ruleRef(rule), matched: ev.matched };
    if (ev.failed) node.failed = ev.failed;
    if (ev.notSimulated.length) node.notSimulated = ev.notSimulated;
    visit.rules.push(node);
    visit.assumptions.push(...ev.assumptions);
    current.next++;
    if (!ev.matched) continue;

    const effect = applyTarget(rule.target, pkt, opts.target);
    visit.assumptions.push(...effect.assumptions);
    pkt = effect.packet;
    const outcome = effect.outcome;
    switch (outcome.kind) {
      case 'continue':
        continue;
      case 'return':
        visit.decidedBy = ruleRef(rule);
        visit.outcome = outcome;
        if (stack.length === 0) return policyVerdict();
        resumeParent();
        continue;
      case 'jump': {
        const target = table.chains.get(outcome.chain);
        if (!target) {
          visit.assumptions.push(msg('assume.unknownTarget', { target: outcome.chain }));
          node.notSimulated = [...(node.notSimulated ?? []), `-j ${outcome.chain}`];
          continue;
        }
        if (target === chain || stack.some((f) => f.chain === target) || stack.length >= MAX_STACK) {
          visit.errors.push(msg('error.jumpLoop', { chain: outcome.chain }));
          return finish({ kind: 'drop', reject: false }, ruleRef(rule));
        }
        visit.decidedBy = ruleRef(rule);
        visit.outcome = outcome;
        visit.after = pkt;
        // goto does not come back here: the frame to return to stays the one below.
        if (!outcome.goto) stack.push(current);
        current = { chain: target, next: 0 };
        visit = startVisit(target, stack.map((f) => f.chain.name), false, pkt);
        visits.push(visit);
        continue;
      }
      case 'verdict':
        visit.decidedBy = ruleRef(rule);
        visit.outcome = outcome;
        if (outcome.verdict === 'ACCEPT') return finish({ kind: 'accept' }, ruleRef(rule));
        return finish(
          outcome.rejectWith ? { kind: 'drop', reject: outcome.verdict === 'REJECT', rejectWith: outcome.rejectWith } : { kind: 'drop', reject: outcome.verdict === 'REJECT' },
          ruleRef(rule),
        );
      case 'nat':
        visit.decidedBy = ruleRef(rule);
        visit.outcome = outcome;
        return finish({ kind: 'nat', nat: outcome.nat, ip: outcome.ip, port: outcome.port }, ruleRef(rule));
    }
  }
}

function startVisit(chain: Chain, stack: string[], resumed: boolean, pkt: Packet): ChainVisit {
  return { table: chain.table, chain: chain.name, stack, resumed, rules: [], outcome: { kind: 'end' }, assumptions: [], errors: [], before: clonePacket(pkt), after: pkt };
}

function makeBranch(key: string, chain: Chain, from: number, ctx: MatchContext, choices: Record<string, string>): BranchNode {
  const options = randomCascade(chain, from, ctx);
  const wanted = choices[key];
  const valid = options.find((o) => o.value === wanted);
  // Default: the first option, which is what the kernel takes when its random number falls in the first share.
  const chosen = valid?.value ?? options.find((o) => o.probability > 0)?.value ?? 'fallthrough';
  return { kind: 'branch', key, options, chosen, defaulted: !valid };
}
