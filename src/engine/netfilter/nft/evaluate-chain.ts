/**
 * Walks one nftables base chain as nf_tables does: rules in order, statements in order (a false
 * match ends the rule), verdicts, jump/goto/return with a stack, verdict maps, and the chain
 * policy at the end. `numgen random` is enumerated as branches. The result has the shape the
 * iptables walker returns, so the trace treats both alike.
 */
import type { Msg } from '../../explain/message';
import { msg } from '../../explain/message';
import type { NftChain, NftElement, NftExpr, NftRule, NftSet, NftStatement, NftTable, NftVerdict } from '../../formats/nft/types';
import { clonePacket, type Packet } from '../../trace/packet';
import type { BranchNode, BranchOption, Hook, RuleNode, RuleRef } from '../../trace/types';
import type { MatchContext } from '../context';
import type { ChainVisit, TableResult, TableVerdict } from '../evaluate-table';
import type { TargetContext } from '../targets';
import { compare, findElement } from './match';
import { evalExpr, type NftValue } from './values';

const MAX_EVALUATIONS = 200_000;
const MAX_STACK = 64;

export interface NftWalkOptions {
  table: NftTable;
  chain: NftChain;
  hook: Hook;
  scope: string;
  match: Omit<MatchContext, 'packet' | 'randomPick'>;
  target: TargetContext;
  choices: Record<string, string>;
}

function tableLabel(t: NftTable): string {
  return `${t.family} ${t.name}`;
}

function ref(t: NftTable, chain: NftChain, rule: NftRule, position: number, target: string | null): RuleRef {
  return { id: `${tableLabel(t)}/${chain.name}#${position}`, table: tableLabel(t), chain: chain.name, position, text: rule.text, target, span: rule.span };
}

function verdictText(v: NftVerdict): string {
  return v.type === 'jump' || v.type === 'goto' ? `${v.type} ${v.chain}` : v.type;
}

function hasNumgen(e: NftExpr | undefined): e is NftExpr {
  if (!e) return false;
  if (e.kind === 'numgen') return e.mode === 'random';
  if (e.kind === 'concat') return e.parts.some(hasNumgen);
  if (e.kind === 'binop') return hasNumgen(e.left) || hasNumgen(e.right);
  return false;
}

function numgenOf(e: NftExpr): Extract<NftExpr, { kind: 'numgen' }> | null {
  if (e.kind === 'numgen') return e;
  if (e.kind === 'concat') for (const p of e.parts) { const n = numgenOf(p); if (n) return n; }
  return null;
}

/** kube-proxy's `endpoint-HASH-ns/svc/tcp/port__10.244.1.5/8080` → `10.244.1.5:8080`. */
function endpointLabel(data: NftExpr | undefined): string {
  if (data?.kind !== 'verdict') return '?';
  const v = data.verdict;
  if (v.type !== 'jump' && v.type !== 'goto') return v.type;
  const at = v.chain.lastIndexOf('__');
  return at >= 0 ? v.chain.slice(at + 2).replace('/', ':') : v.chain;
}

function elementsOf(e: NftExpr, sets: Map<string, NftSet>): NftElement[] | undefined {
  if (e.kind === 'set') return e.elements;
  if (e.kind === 'setRef') return sets.get(e.name)?.elements;
  return undefined;
}

type Outcome =
  | { kind: 'next' } // the rule did not match (or a lookup missed)
  | { kind: 'continue' } // the rule ended without a verdict
  | { kind: 'verdict'; verdict: NftVerdict }
  | { kind: 'nat'; nat: 'DNAT' | 'SNAT'; ip: string; port: number | null }
  | { kind: 'reject'; with: string };

/** A table's sets and chains by name, made once per table: kube-proxy's has a chain per Service and endpoint. */
const byName = new WeakMap<NftTable, { sets: Map<string, NftSet>; chains: Map<string, NftChain> }>();
function namesOf(table: NftTable) {
  let names = byName.get(table);
  if (!names) byName.set(table, (names = { sets: new Map(table.sets.map((s) => [s.name, s])), chains: new Map(table.chains.map((c) => [c.name, c])) }));
  return names;
}

export function walkNftChain(packet: Packet, opts: NftWalkOptions): TableResult {
  const { table } = opts;
  const { sets, chains } = namesOf(table);
  const visits: ChainVisit[] = [];
  const stack: { chain: NftChain; next: number }[] = [];
  let current = { chain: opts.chain, next: 0 };
  let pkt = packet;
  let evaluations = 0;
  const start = (chain: NftChain, resumed: boolean): ChainVisit => {
    const v: ChainVisit = { table: tableLabel(table), chain: chain.name, stack: stack.map((f) => f.chain.name), resumed, rules: [], outcome: { kind: 'end' }, assumptions: [], errors: [], before: clonePacket(pkt), after: pkt };
    visits.push(v);
    return v;
  };
  let visit = start(current.chain, false);
  const finish = (verdict: TableVerdict, decidedBy?: RuleRef): TableResult => {
    visit.after = pkt;
    return decidedBy ? { visits, verdict, packet: pkt, decidedBy } : { visits, verdict, packet: pkt };
  };
  const policy = (): TableResult => {
    const p = opts.chain.base?.policy === 'drop' ? 'DROP' : 'ACCEPT';
    visit.outcome = { kind: 'policy', policy: p };
    return finish(p === 'DROP' ? { kind: 'drop', reject: false } : { kind: 'accept' });
  };
  const pop = (): boolean => {
    const parent = stack.pop();
    if (!parent) return false;
    visit.after = pkt;
    current = parent;
    visit = start(current.chain, true);
    return true;
  };

  for (;;) {
    const chain = current.chain;
    if (current.next >= chain.rules.length) {
      if (stack.length === 0) return policy();
      visit.outcome = { kind: 'end' };
      pop();
      continue;
    }
    if (++evaluations > MAX_EVALUATIONS) {
      visit.errors.push(msg('error.tooManyRules', { limit: MAX_EVALUATIONS }));
      return finish({ kind: 'drop', reject: false });
    }
    const position = current.next + 1;
    const rule = chain.rules[current.next]!;
    current.next++;
    const node: RuleNode = { kind: 'rule', rule: ref(table, chain, rule, position, null), matched: false };
    visit.rules.push(node);
    const result = evalRule(rule, pkt, opts, sets, `${opts.scope}:${tableLabel(table)}/${chain.name}#${rule.handle ?? position}`, node, visit);
    pkt = result.packet;
    const o = result.outcome;
    if (o.kind === 'next') continue;
    node.matched = true;
    if (o.kind === 'continue') continue;
    const decided = ref(table, chain, rule, position, o.kind === 'verdict' ? verdictText(o.verdict) : o.kind === 'nat' ? o.nat : 'reject');
    node.rule = decided;
    visit.decidedBy = decided;
    if (o.kind === 'nat') {
      visit.outcome = { kind: 'nat', nat: o.nat, ip: o.ip, port: o.port };
      return finish({ kind: 'nat', nat: o.nat, ip: o.ip, port: o.port }, decided);
    }
    if (o.kind === 'reject') {
      visit.outcome = { kind: 'verdict', verdict: 'REJECT', rejectWith: o.with };
      return finish({ kind: 'drop', reject: true, rejectWith: o.with }, decided);
    }
    const v = o.verdict;
    switch (v.type) {
      case 'accept':
        visit.outcome = { kind: 'verdict', verdict: 'ACCEPT' };
        return finish({ kind: 'accept' }, decided);
      case 'drop':
        visit.outcome = { kind: 'verdict', verdict: 'DROP' };
        return finish({ kind: 'drop', reject: false }, decided);
      case 'continue':
        continue;
      case 'return':
        visit.outcome = { kind: 'return' };
        if (stack.length === 0) return policy();
        pop();
        continue;
      case 'jump':
      case 'goto': {
        const target = chains.get(v.chain);
        if (!target) {
          visit.errors.push(msg('error.nftNoChain', { chain: v.chain }));
          return finish({ kind: 'drop', reject: false }, decided);
        }
        if (target === chain || stack.some((f) => f.chain === target) || stack.length >= MAX_STACK) {
          visit.errors.push(msg('error.jumpLoop', { chain: v.chain }));
          return finish({ kind: 'drop', reject: false }, decided);
        }
        visit.outcome = { kind: 'jump', chain: v.chain, goto: v.type === 'goto' };
        visit.after = pkt;
        if (v.type === 'jump') stack.push(current);
        current = { chain: target, next: 0 };
        visit = start(target, false);
        continue;
      }
    }
  }
}

interface RuleResult {
  outcome: Outcome;
  packet: Packet;
}

/** Evaluates one rule's statements in order. */
function evalRule(rule: NftRule, packet: Packet, opts: NftWalkOptions, sets: Map<string, NftSet>, branchKey: string, node: RuleNode, visit: ChainVisit): RuleResult {
  let pkt = packet;
  let numgenValue: number | undefined;
  const ctxOf = (): MatchContext => ({ ...opts.match, packet: pkt, randomPick: () => false });
  const evalWithNumgen = (e: NftExpr): NftValue | undefined => {
    if (hasNumgen(e) && e.kind === 'numgen') return numgenValue;
    if (e.kind === 'concat' && e.parts.some(hasNumgen)) {
      const parts = e.parts.map((p) => (p.kind === 'numgen' ? numgenValue : evalExpr(p, ctxOf())));
      return parts.some((x) => x === undefined) ? undefined : (parts as NftValue[]);
    }
    return evalExpr(e, ctxOf());
  };
  const assume = (m: Msg, text: string) => {
    visit.assumptions.push(m);
    node.notSimulated = [...(node.notSimulated ?? []), text];
  };
  for (let i = 0; i < rule.statements.length; i++) {
    const st = rule.statements[i]!;
    const key = st.kind === 'match' ? st.left : st.kind === 'vmap' ? st.key : undefined;
    if (key && hasNumgen(key) && numgenValue === undefined) {
      const ng = numgenOf(key)!;
      const branch = numgenBranch(branchKey, ng, st, sets, opts.choices);
      visit.branch ??= branch;
      numgenValue = Number(branch.chosen);
    }
    switch (st.kind) {
      case 'match': {
        const v = evalWithNumgen(st.left);
        if (v === undefined) {
          assume(msg('assume.nftNotSimulated', { text: st.text }), st.text);
          continue;
        }
        const r = compare(v, st.op, st.right, sets);
        if (r === undefined) {
          // A named set the ruleset does not list (or a dynamic one filled at run time): not a member.
          const name = st.right.kind === 'setRef' ? st.right.name : '?';
          visit.assumptions.push(msg('assume.nftSetEmpty', { set: name }));
          if (st.op === '!=') continue;
          node.failed = { matchIndex: i, text: st.text, reason: msg('why.nftSet', { set: name }) };
          return { outcome: { kind: 'next' }, packet: pkt };
        }
        if (!r) {
          node.failed = { matchIndex: i, text: st.text, reason: msg('why.nft', { value: show(v) }) };
          return { outcome: { kind: 'next' }, packet: pkt };
        }
        continue;
      }
      case 'vmap': {
        const v = evalWithNumgen(st.key);
        const elements = elementsOf(st.map, sets);
        if (v === undefined || !elements) {
          assume(msg('assume.nftNotSimulated', { text: st.text }), st.text);
          return { outcome: { kind: 'next' }, packet: pkt };
        }
        const el = findElement(elements, v);
        if (!el || el.data?.kind !== 'verdict') {
          node.failed = { matchIndex: i, text: st.text, reason: msg('why.nftMapMiss', { value: show(v) }) };
          return { outcome: { kind: 'next' }, packet: pkt };
        }
        return { outcome: { kind: 'verdict', verdict: el.data.verdict }, packet: pkt };
      }
      case 'verdict':
        return { outcome: { kind: 'verdict', verdict: st.verdict }, packet: pkt };
      case 'mangle': {
        const value = evalWithNumgen(st.value);
        const target = st.target;
        if (typeof value !== 'number' || (target.kind !== 'meta' && target.kind !== 'ct') || target.key !== 'mark') {
          assume(msg('assume.nftNotSimulated', { text: st.text }), st.text);
          continue;
        }
        pkt = clonePacket(pkt);
        if (target.kind === 'meta') pkt.meta.mark = value >>> 0;
        else pkt.meta.ctmark = value >>> 0;
        continue;
      }
      case 'nat':
        return { outcome: natOutcome(st, pkt, opts, sets, (m) => assume(m, st.text)), packet: pkt };
      case 'reject':
        return { outcome: { kind: 'reject', with: st.type === 'tcp reset' ? 'tcp-reset' : st.code ?? 'port-unreachable' }, packet: pkt };
      case 'notrack':
        pkt = clonePacket(pkt);
        pkt.meta.ctstate = 'UNTRACKED';
        continue;
      case 'limit':
        visit.assumptions.push(msg('assume.notSimulated', { module: 'limit', what: 'rate limit not reached' }));
        continue;
      case 'counter':
      case 'log':
      case 'quota':
      case 'setUpdate':
        continue;
      case 'queue':
      case 'xt':
      case 'opaque':
        assume(msg('assume.nftNotSimulated', { text: st.text }), st.text);
        continue;
    }
  }
  return { outcome: { kind: 'continue' }, packet: pkt };
}

function show(v: NftValue): string {
  return Array.isArray(v) ? v.map((x) => (Array.isArray(x) ? `(${x.join(' . ')})` : String(x))).join(' . ') : String(v);
}

/** `numgen random mod N`: every value is an option with chance 1/N; vmap entries name them. */
function numgenBranch(key: string, ng: Extract<NftExpr, { kind: 'numgen' }>, st: NftStatement, sets: Map<string, NftSet>, choices: Record<string, string>): BranchNode {
  const elements = st.kind === 'vmap' ? elementsOf(st.map, sets) ?? [] : [];
  const options: BranchOption[] = [];
  for (let n = ng.offset; n < ng.offset + ng.mod; n++) {
    const el = elements.find((e) => e.key.kind === 'literal' && e.key.number === n);
    options.push({ value: String(n), label: el ? endpointLabel(el.data) : String(n), probability: 1 / ng.mod });
  }
  const valid = options.find((o) => o.value === choices[key]);
  return { kind: 'branch', key, options, chosen: valid?.value ?? options[0]?.value ?? '0', defaulted: !valid };
}

function natOutcome(st: Extract<NftStatement, { kind: 'nat' }>, pkt: Packet, opts: NftWalkOptions, sets: Map<string, NftSet>, assume: (m: Msg) => void): Outcome {
  const literal = (e: NftExpr | undefined): string | undefined => {
    if (!e) return undefined;
    if (e.kind === 'literal') return e.text;
    if (e.kind === 'range' && e.low.kind === 'literal') {
      assume(msg('assume.natRange', { range: st.text }));
      return e.low.text;
    }
    if (e.kind === 'map') {
      const v = evalExpr(e.key, { ...opts.match, packet: pkt, randomPick: () => false });
      const els = elementsOf(e.data, sets);
      const hit = v === undefined || !els ? undefined : findElement(els, v);
      return hit?.data?.kind === 'literal' ? hit.data.text : undefined;
    }
    return undefined;
  };
  const port = (() => {
    const p = literal(st.port);
    return p === undefined ? null : Number(p);
  })();
  if (st.nat === 'masquerade') {
    const ip = opts.target.oif ? opts.target.primaryAddress(opts.target.oif, pkt.ip.dst) : null;
    if (st.flags.includes('fully-random') || st.flags.includes('random')) assume(msg('assume.randomPort'));
    if (!ip) return { kind: 'verdict', verdict: { type: 'drop' } };
    return { kind: 'nat', nat: 'SNAT', ip, port };
  }
  if (st.nat === 'redirect') {
    const ip = opts.target.iif ? opts.target.primaryAddress(opts.target.iif, pkt.ip.src) : '127.0.0.1';
    return { kind: 'nat', nat: 'DNAT', ip: ip ?? '127.0.0.1', port };
  }
  let addr = literal(st.addr);
  // `dnat to 10.0.0.1:80` may come as one literal with the port attached.
  let p = port;
  if (addr && addr.includes(':') && !addr.includes('::')) {
    const [a, b] = addr.split(':');
    addr = a;
    p = Number(b);
  }
  if (!addr) {
    assume(msg('assume.nftNotSimulated', { text: st.text }));
    return { kind: 'continue' };
  }
  return { kind: 'nat', nat: st.nat === 'dnat' ? 'DNAT' : 'SNAT', ip: addr, port: p };
}
