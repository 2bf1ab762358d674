/**
 * Turns the tokens after `-A CHAIN` into matches, a target and counters, the way iptables'
 * command-line parser would read them. Shared by iptables-save and `iptables -S` input.
 *
 * Option ownership follows iptables' dispatch: an `--option` belongs to the module it follows;
 * when a basic match came in between (kube-proxy's restore input writes
 * `-m tcp -p tcp -d X --dport 80`), or the module does not know the option, it goes to the
 * module the protocol implies (an existing `-m tcp`, else a new implicit one), then to the last
 * module that knows it, then back to where it was written. After `-j`, options go to the target.
 */
import { diagnostic, type Diagnostic, type SourceSpan } from '../../diagnostics';
import { BASIC_OPTIONS, buildBasicMatch, type BasicKind } from './basic-match';
import { UNKNOWN_OPTIONS_MODULE, implicitModuleForProto, isKnownModule, moduleOptions } from './extensions';
import type { Token } from './tokenize';
import type { Counters, Match, ModuleMatch, Option, Target } from './types';
import { optionArity, validateOption, type OptionOwner } from './validate-option';
import { msg, type Msg } from '../../explain/message';

export interface RuleBody {
  matches: Match[];
  target: Target | null;
  counters?: Counters;
  /** Address families seen in -s/-d, so a dump's family can be inferred. */
  families: Set<'ipv4' | 'ipv6'>;
}

export interface RuleParseContext {
  file: string;
  line: number;
  diagnostics: Diagnostic[];
  /** For pasted `-S` output: an unquoted word starting with `#` begins a shell comment. */
  shellComments?: boolean;
}

type Receiver = { kind: 'module'; match: ModuleMatch } | { kind: 'target'; target: Target };

function isNegativeNumber(text: string): boolean {
  if (text.length < 2) return false;
  for (let i = 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** An option word: unquoted, starts with `-`, and is not a bare `-` or a negative number. */
export function isOptionLike(t: Token): boolean {
  return !t.quoted && t.text.length >= 2 && t.text.charCodeAt(0) === 45 && !isNegativeNumber(t.text);
}

function isBang(t: Token): boolean {
  return !t.quoted && t.text === '!';
}

function extend(span: SourceSpan, end: number): void {
  if (span.endColumn === undefined || span.endColumn < end) span.endColumn = end;
}

/**
 * Parses `tokens[start..]` (everything after `-A CHAIN`). Never throws; problems are appended
 * to `ctx.diagnostics` and the rule is kept with whatever could be read.
 *
 * @example
 * const { tokens } = tokenizeLine('-A X -p tcp -m tcp ! --dport 80 -j ACCEPT', 'f', 1);
 * parseRuleTokens(tokens, 2, { file: 'f', line: 1, diagnostics: [] }).target?.name; // 'ACCEPT'
 */
export function parseRuleTokens(tokens: Token[], start: number, ctx: RuleParseContext): RuleBody {
  const { file, line, diagnostics } = ctx;
  const n = tokens.length;
  const body: RuleBody = { matches: [], target: null, families: new Set() };
  const at = (from: Token, to: Token = from): SourceSpan => ({ file, line, column: from.column, endColumn: to.endColumn });
  let receiver: Receiver | null = null;
  let proto: number | null = null;
  let pendingNeg: Token | null = null;
  let stray: Token[] = [];
  let i = start;

  const flushStray = (): void => {
    const first = stray[0];
    const last = stray[stray.length - 1];
    if (first && last) {
      const words = stray.map((t) => t.text).join(' ');
      diagnostics.push(diagnostic('IPT007', at(first, last), msg('diag.IPT007.unexpectedTextIgnored', { text: words.length > 60 ? `${words.slice(0, 57)}...` : words }), 'warning'));
    }
    stray = [];
  };

  const isCommentStart = (t: Token): boolean => ctx.shellComments === true && !t.quoted && t.text.startsWith('#');

  /** Reads an optional postfix `!` and the values after an option word at `from`. */
  const readArgs = (from: number, arity: number | null): { args: Token[]; postfix: Token | null; next: number } => {
    let j = from;
    let postfix: Token | null = null;
    const a = tokens[j];
    const b = tokens[j + 1];
    if (a && b && isBang(a) && !isOptionLike(b) && !isBang(b) && !isCommentStart(b)) {
      postfix = a;
      j++;
    }
    const args: Token[] = [];
    for (let t = tokens[j]; t && !isOptionLike(t) && !isBang(t) && !isCommentStart(t); t = tokens[j]) {
      if (arity !== null && args.length >= arity) stray.push(t);
      else args.push(t);
      j++;
    }
    return { args, postfix, next: j };
  };

  const missing = (opt: Token, what: Msg): void => {
    diagnostics.push(diagnostic('IPT006', at(opt), msg('diag.IPT006.missing', { optText: opt.text, what })));
  };

  // Indexes kept as modules are added, so option dispatch stays O(1) per option on any input.
  const lastByName = new Map<string, ModuleMatch>();
  const lastKnowing = new Map<string, ModuleMatch>();
  let lastAny: ModuleMatch | null = null;

  const newModule = (name: string, implicit: boolean, span: SourceSpan): ModuleMatch => {
    const m: ModuleMatch = { kind: 'module', module: name, options: [], implicit, span };
    body.matches.push(m);
    lastByName.set(name, m);
    for (const opt of moduleOptions(name) ?? []) lastKnowing.set(opt, m);
    lastAny = m;
    return m;
  };

  const dispatch = (name: string, span: SourceSpan): Receiver => {
    if (receiver?.kind === 'target') return receiver;
    if (receiver) {
      const known = moduleOptions(receiver.match.module);
      if (known === null || known.includes(name)) return receiver;
    }
    const protoModule = proto === null ? null : implicitModuleForProto(proto);
    if (protoModule && moduleOptions(protoModule)?.includes(name)) {
      return { kind: 'module', match: lastByName.get(protoModule) ?? newModule(protoModule, true, { ...span }) };
    }
    const knower = lastKnowing.get(name);
    if (knower) return { kind: 'module', match: knower };
    if (receiver) return receiver;
    if (body.target) return { kind: 'target', target: body.target };
    if (lastAny) return { kind: 'module', match: lastAny };
    diagnostics.push(diagnostic('IPT007', span, msg('diag.IPT007.optionDoesBelongAny', { name }), 'warning'));
    return { kind: 'module', match: newModule(UNKNOWN_OPTIONS_MODULE, true, { ...span }) };
  };

  const handleBasic = (kind: BasicKind, opt: Token, neg: Token | null): number => {
    if (kind === 'fragment') {
      body.matches.push(buildBasicMatch(kind, neg !== null, undefined, at(neg ?? opt, opt), diagnostics).match);
      return i + 1;
    }
    const { args, postfix, next } = readArgs(i + 1, 1);
    const value = args[0];
    if (!value) missing(opt, msg('diag.what.value'));
    if (neg && postfix) diagnostics.push(diagnostic('IPT016', at(postfix), msg('diag.IPT016.negatedTwiceOneUsed'), 'warning'));
    const span = at(neg ?? opt, value ?? opt);
    const result = buildBasicMatch(kind, neg !== null || postfix !== null, value, span, diagnostics);
    body.matches.push(result.match);
    if (result.proto !== undefined) proto = result.proto;
    if (result.family) body.families.add(result.family);
    return next;
  };

  const handleOption = (opt: Token, neg: Token | null): number => {
    let name = opt.text.replace(/^--?/, '');
    let inline: Token | null = null;
    const eq = name.indexOf('=');
    if (eq > 0 && opt.text.startsWith('--')) {
      inline = { text: name.slice(eq + 1), column: opt.column + 3 + eq, endColumn: opt.endColumn, quoted: opt.quoted };
      name = name.slice(0, eq);
    }
    const optSpan = at(neg ?? opt, opt);
    if (!opt.text.startsWith('--')) {
      diagnostics.push(diagnostic('IPT007', at(opt), msg('diag.IPT007.unknownOptionKeptBut', { optText: opt.text }), 'warning'));
    }
    const to = opt.text.startsWith('--') ? dispatch(name, optSpan) : { kind: 'module' as const, match: newModule(UNKNOWN_OPTIONS_MODULE, true, { ...optSpan }) };
    const owner: OptionOwner = to.kind === 'target' ? { kind: 'target', name: to.target.name } : { kind: 'module', name: to.match.module };
    const arity = optionArity(owner, name);
    const read = inline ? { args: [inline], postfix: null, next: i + 1 } : readArgs(i + 1, arity);
    if (arity !== null && read.args.length < arity) missing(opt, arity === 1 ? msg('diag.what.value') : msg('diag.what.values', { count: arity }));
    if (neg && read.postfix) diagnostics.push(diagnostic('IPT016', at(read.postfix), msg('diag.IPT016.negatedTwiceOneUsed'), 'warning'));
    const lastArg = read.args[read.args.length - 1];
    const option: Option = {
      name,
      negate: neg !== null || read.postfix !== null,
      args: read.args.map((t) => t.text),
      span: at(neg ?? opt, lastArg ?? opt),
    };
    if (to.kind === 'target') {
      to.target.options.push(option);
      extend(to.target.span, option.span.endColumn ?? opt.endColumn);
    } else {
      to.match.options.push(option);
      extend(to.match.span, option.span.endColumn ?? opt.endColumn);
    }
    diagnostics.push(...validateOption(owner, name, read.args, file, line));
    receiver = to;
    return read.next;
  };

  const handleModule = (opt: Token, neg: Token | null): number => {
    if (neg) diagnostics.push(diagnostic('IPT016', at(neg), msg('diag.IPT016.cannotNegateMIgnored'), 'warning'));
    const { args, next } = readArgs(i + 1, 1);
    const value = args[0];
    if (!value) {
      missing(opt, msg('diag.what.moduleName'));
      receiver = null;
      return next;
    }
    if (!isKnownModule(value.text)) {
      diagnostics.push(diagnostic('IPT011', at(value), msg('diag.IPT011.unknownMatchModuleRule', { valueText: value.text }), 'warning'));
    }
    receiver = { kind: 'module', match: newModule(value.text, false, at(opt, value)) };
    return next;
  };

  const handleTarget = (opt: Token, neg: Token | null): number => {
    if (neg) diagnostics.push(diagnostic('IPT016', at(neg), msg('diag.IPT016.cannotNegateTargetIgnored'), 'warning'));
    const { args, next } = readArgs(i + 1, 1);
    const value = args[0];
    if (!value) missing(opt, msg('diag.what.targetName'));
    const target: Target = { name: value?.text ?? '', goto: opt.text === '-g' || opt.text === '--goto', options: [], span: at(opt, value ?? opt) };
    if (body.target) {
      diagnostics.push(diagnostic('IPT016', at(opt, value ?? opt), msg('diag.IPT016.ruleHasOnlyOne'), 'warning'));
    } else {
      body.target = target;
    }
    receiver = { kind: 'target', target };
    return next;
  };

  const handleCounters = (opt: Token): number => {
    const { args, next } = readArgs(i + 1, 2);
    const [p, b] = args;
    if (!p || !b) missing(opt, msg('diag.what.counters'));
    else if (/^\d{1,20}$/.test(p.text) && /^\d{1,20}$/.test(b.text)) body.counters = { packets: Number(p.text), bytes: Number(b.text) };
    else diagnostics.push(diagnostic('IPT016', at(p, b), msg('diag.IPT016.countersMustTwoWhole')));
    return next;
  };

  while (i < n) {
    const t = tokens[i] as Token;
    if (isBang(t)) {
      flushStray();
      if (pendingNeg) diagnostics.push(diagnostic('IPT016', at(t), msg('diag.IPT016.twoRowOneNegation'), 'warning'));
      pendingNeg = t;
      i++;
      continue;
    }
    if (isCommentStart(t)) break;
    if (!isOptionLike(t)) {
      stray.push(t);
      i++;
      continue;
    }
    flushStray();
    const neg = pendingNeg;
    pendingNeg = null;
    const basic = BASIC_OPTIONS[t.text];
    if (basic) {
      i = handleBasic(basic, t, neg);
      receiver = null;
    } else if (t.text === '-m' || t.text === '--match') i = handleModule(t, neg);
    else if (t.text === '-j' || t.text === '--jump' || t.text === '-g' || t.text === '--goto') i = handleTarget(t, neg);
    else if (t.text === '-c' || t.text === '--set-counters') i = handleCounters(t);
    else i = handleOption(t, neg);
    flushStray();
  }
  flushStray();
  if (pendingNeg) diagnostics.push(diagnostic('IPT016', at(pendingNeg), msg('diag.IPT016.atEndRuleNegates'), 'warning'));
  return body;
}
