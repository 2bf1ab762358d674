/**
 * Turns the tokens after `-A CHAIN` into matches, a target and counters, the way iptables'
 * command-line parser would read them. Shared by iptables-save and `iptables -S` input.
 *
 * Option ownership follows iptables' dispatch: an `--option` belongs to the module it follows;
 * when a basic match came in between (kube-proxy's restore input writes
 * `-m tcp -p tcp -d X --dport 80`), or the module does not know the option, it goes to the
 * module the protocol implies (an existing `-m tcp`, else a new implicit one), then to the last
 * module that knows it, then back to where it was written. After `-j`, options go to the target.
 *
 * One reader does both jobs: `parseRuleTokens` builds the rule's objects, `checkRuleTokens`
 * only reports its diagnostics (the deferred checks of a lazily read dump). The check builds
 * nothing the parse keeps: at 440,000 rules, objects made and dropped at the allocation sites of
 * kept ones are pretenured by V8 into the old generation, and the heap grew to 14× the input.
 */
import { diagnostic, type Diagnostic, type SourceSpan } from '../../diagnostics';
import { BASIC_OPTIONS, buildBasicMatch, checkBasicMatch, type BasicKind, type FamilyFlags } from './basic-match';
import { UNKNOWN_OPTIONS_MODULE, implicitModuleForProto, isKnownModule, moduleKnows, moduleOptions } from './extensions';
import type { Token } from './tokenize';
import type { Counters, Match, ModuleMatch, Option, Target } from './types';
import { optionArity, validateOption } from './validate-option';
import { msg, type Msg } from '../../explain/message';

export interface RuleBody {
  matches: Match[];
  target: Target | null;
  counters?: Counters;
  /** Address families seen in -s/-d (`FAMILY_IPV4 | FAMILY_IPV6` bits), so a dump's family can be inferred. */
  families: FamilyFlags;
}

/** What a check-only read leaves: the families and the rule's target, for the checks that need the table. */
export interface RuleCheck {
  readonly families: FamilyFlags;
  /** The rule's (first) target name; null without `-j`/`-g`. */
  readonly targetName: string | null;
  /** Where that target is written (`-j NAME`). */
  targetSpan(): SourceSpan;
}

export interface RuleParseContext {
  file: string;
  line: number;
  diagnostics: Diagnostic[];
  /** For pasted `-S` output: an unquoted word starting with `#` begins a shell comment. */
  shellComments?: boolean;
}

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

const COUNTER = /^\d{1,20}$/;
const NO_RECEIVER = -1;
const TARGET_RECEIVER = -2;
/** Past this many modules in one rule, dispatch uses maps rather than scanning back (hostile input). */
const SCAN_LIMIT = 8;

/**
 * The state of reading one rule. Modules are numbered in the order they appear; `receiver` is a
 * module number, `TARGET_RECEIVER` or `NO_RECEIVER`. With `build` false nothing but the names
 * is recorded.
 */
class RuleReader implements RuleCheck {
  families: FamilyFlags = 0;
  targetName: string | null = null;
  readonly body: RuleBody | null;
  private readonly n: number;
  private i: number;
  private receiver = NO_RECEIVER;
  /** The name and object of the target the receiver is (a second `-j` is not the rule's target). */
  private receiverName = '';
  private receiverTarget: Target | null = null;
  private targetOpt: Token | null = null;
  /** Where the rule's target ends: its name, or its last option. */
  private targetEnd = 0;
  /** Whether the receiving target is the rule's target (not a second `-j`, which is dropped). */
  private receiverIsTarget = false;
  private proto: number | null = null;
  private pendingNeg: Token | null = null;
  private strayFrom = -1;
  private strayTo = -1;
  private modules: string[] | null = null;
  private built: ModuleMatch[] | null = null;
  private byName: Map<string, number> | null = null;
  private knowing: Map<string, number> | null = null;
  /** The values of the last option read: tokens [argFrom, argFrom + argCount), or `inline`. */
  private argFrom = 0;
  private argCount = 0;
  private inline: Token | null = null;
  private postfix: Token | null = null;

  constructor(
    private readonly tokens: Token[],
    start: number,
    private readonly file: string,
    private readonly line: number,
    private readonly diagnostics: Diagnostic[],
    private readonly shellComments: boolean,
    build: boolean,
  ) {
    this.n = tokens.length;
    this.i = start;
    this.body = build ? { matches: [], target: null, families: 0 } : null;
  }

  targetSpan(): SourceSpan {
    return { file: this.file, line: this.line, column: (this.targetOpt as Token).column, endColumn: this.targetEnd };
  }

  read(): void {
    const { tokens, n } = this;
    while (this.i < n) {
      const t = tokens[this.i] as Token;
      if (isBang(t)) {
        this.flushStray();
        if (this.pendingNeg) this.diagnostics.push(diagnostic('IPT016', this.at(t), msg('diag.IPT016.twoRowOneNegation'), 'warning'));
        this.pendingNeg = t;
        this.i++;
        continue;
      }
      if (this.isCommentStart(t)) break;
      if (!isOptionLike(t)) {
        if (this.strayFrom < 0) this.strayFrom = this.i;
        this.strayTo = this.i;
        this.i++;
        continue;
      }
      this.flushStray();
      const neg = this.pendingNeg;
      this.pendingNeg = null;
      const text = t.text;
      const basic = BASIC_OPTIONS[text];
      if (basic) {
        this.i = this.readBasic(basic, t, neg);
        this.receiver = NO_RECEIVER;
      } else if (text === '-m' || text === '--match') this.i = this.readModule(t, neg);
      else if (text === '-j' || text === '--jump' || text === '-g' || text === '--goto') this.i = this.readTarget(t, neg);
      else if (text === '-c' || text === '--set-counters') this.i = this.readCounters(t);
      else this.i = this.readOption(t, neg);
      this.flushStray();
    }
    this.flushStray();
    if (this.pendingNeg) this.diagnostics.push(diagnostic('IPT016', this.at(this.pendingNeg), msg('diag.IPT016.atEndRuleNegates'), 'warning'));
    if (this.body) this.body.families = this.families;
  }

  private at(from: Token, to: Token = from): SourceSpan {
    return { file: this.file, line: this.line, column: from.column, endColumn: to.endColumn };
  }

  private isCommentStart(t: Token): boolean {
    return this.shellComments && !t.quoted && t.text.charCodeAt(0) === 35 /* # */;
  }

  private flushStray(): void {
    if (this.strayFrom < 0) return;
    const first = this.tokens[this.strayFrom] as Token;
    const last = this.tokens[this.strayTo] as Token;
    let words = first.text;
    for (let k = this.strayFrom + 1; k <= this.strayTo; k++) words += ` ${(this.tokens[k] as Token).text}`;
    this.diagnostics.push(diagnostic('IPT007', this.at(first, last), msg('diag.IPT007.unexpectedTextIgnored', { text: words.length > 60 ? `${words.slice(0, 57)}...` : words }), 'warning'));
    this.strayFrom = -1;
  }

  /**
   * Reads an optional postfix `!` and the values after an option word at `from` into
   * `postfix`, `argFrom` and `argCount`; values past `arity` are stray. Returns the next index.
   */
  private readArgs(from: number, arity: number | null): number {
    const { tokens } = this;
    let j = from;
    this.postfix = null;
    this.inline = null;
    const a = tokens[j];
    const b = tokens[j + 1];
    if (a && b && isBang(a) && !isOptionLike(b) && !isBang(b) && !this.isCommentStart(b)) {
      this.postfix = a;
      j++;
    }
    this.argFrom = j;
    this.argCount = 0;
    for (let t = tokens[j]; t && !isOptionLike(t) && !isBang(t) && !this.isCommentStart(t); t = tokens[j]) {
      if (arity !== null && this.argCount >= arity) {
        if (this.strayFrom < 0) this.strayFrom = j;
        this.strayTo = j;
      } else this.argCount++;
      j++;
    }
    return j;
  }

  private firstArg(): Token | undefined {
    return this.inline ?? (this.argCount > 0 ? this.tokens[this.argFrom] : undefined);
  }

  private lastArg(): Token | undefined {
    return this.inline ?? (this.argCount > 0 ? this.tokens[this.argFrom + this.argCount - 1] : undefined);
  }

  private missing(opt: Token, what: Msg): void {
    this.diagnostics.push(diagnostic('IPT006', this.at(opt), msg('diag.IPT006.missing', { optText: opt.text, what })));
  }

  /** Adds module `name`, written from token `from` to `to`; returns its number. */
  private newModule(name: string, implicit: boolean, from: Token, to: Token): number {
    this.modules ??= [];
    const index = this.modules.length;
    this.modules.push(name);
    if (this.body) {
      const m: ModuleMatch = { kind: 'module', module: name, options: [], implicit, span: this.at(from, to) };
      this.body.matches.push(m);
      (this.built ??= []).push(m);
    }
    if (this.byName) this.index(index);
    else if (index + 1 > SCAN_LIMIT) for (let k = 0; k <= index; k++) this.index(k);
    return index;
  }

  /** Keeps the by-name and by-option maps (created past SCAN_LIMIT modules) up to date. */
  private index(k: number): void {
    const name = (this.modules as string[])[k] as string;
    (this.byName ??= new Map()).set(name, k);
    this.knowing ??= new Map();
    const options = moduleOptions(name);
    if (options) for (const opt of options) this.knowing.set(opt, k);
  }

  /** The last module named `name`, or -1. */
  private lastNamed(name: string): number {
    if (this.byName) return this.byName.get(name) ?? -1;
    const mods = this.modules;
    if (mods) for (let k = mods.length - 1; k >= 0; k--) if (mods[k] === name) return k;
    return -1;
  }

  /** The last module that knows option `name`, or -1. */
  private lastKnowing(name: string): number {
    if (this.knowing) return this.knowing.get(name) ?? -1;
    const mods = this.modules;
    if (mods) for (let k = mods.length - 1; k >= 0; k--) if (moduleKnows(mods[k] as string, name) === true) return k;
    return -1;
  }

  /** Where option `name` goes; sets `receiver` (and `receiverName`/`receiverTarget` for a target). */
  private dispatch(name: string, neg: Token | null, opt: Token): void {
    if (this.receiver === TARGET_RECEIVER) return;
    if (this.receiver >= 0 && moduleKnows((this.modules as string[])[this.receiver] as string, name) !== false) return;
    const protoModule = this.proto === null ? null : implicitModuleForProto(this.proto);
    if (protoModule && moduleKnows(protoModule, name) === true) {
      const existing = this.lastNamed(protoModule);
      this.receiver = existing >= 0 ? existing : this.newModule(protoModule, true, neg ?? opt, opt);
      return;
    }
    const knower = this.lastKnowing(name);
    if (knower >= 0) {
      this.receiver = knower;
      return;
    }
    if (this.receiver >= 0) return;
    if (this.targetName !== null) {
      this.receiver = TARGET_RECEIVER;
      this.receiverName = this.targetName;
      this.receiverTarget = this.body ? this.body.target : null;
      this.receiverIsTarget = true;
      return;
    }
    const modules = this.modules;
    if (modules && modules.length > 0) {
      this.receiver = modules.length - 1;
      return;
    }
    this.diagnostics.push(diagnostic('IPT007', this.at(neg ?? opt, opt), msg('diag.IPT007.optionDoesBelongAny', { name }), 'warning'));
    this.receiver = this.newModule(UNKNOWN_OPTIONS_MODULE, true, neg ?? opt, opt);
  }

  private readBasic(kind: BasicKind, opt: Token, neg: Token | null): number {
    if (kind === 'fragment') {
      if (this.body) this.body.matches.push(buildBasicMatch(kind, neg !== null, undefined, this.at(neg ?? opt, opt), this.diagnostics).match);
      return this.i + 1;
    }
    const next = this.readArgs(this.i + 1, 1);
    const value = this.firstArg();
    const postfix = this.postfix;
    if (!value) this.missing(opt, msg('diag.what.value'));
    if (neg && postfix) this.diagnostics.push(diagnostic('IPT016', this.at(postfix), msg('diag.IPT016.negatedTwiceOneUsed'), 'warning'));
    const negate = neg !== null || postfix !== null;
    if (this.body) {
      const result = buildBasicMatch(kind, negate, value, this.at(neg ?? opt, value ?? opt), this.diagnostics);
      this.body.matches.push(result.match);
      if (result.proto !== undefined) this.proto = result.proto;
      this.families |= result.families;
    } else {
      const found = checkBasicMatch(kind, negate, value, this.file, this.line, this.diagnostics);
      if (kind !== 'proto') this.families |= found;
      else if (found >= 0) this.proto = found;
    }
    return next;
  }

  private readOption(opt: Token, neg: Token | null): number {
    const text = opt.text;
    const long = text.charCodeAt(1) === 45;
    let name = text.slice(long ? 2 : 1);
    let inline: Token | null = null;
    const eq = name.indexOf('=');
    if (eq > 0 && long) {
      inline = { text: name.slice(eq + 1), column: opt.column + 3 + eq, endColumn: opt.endColumn, quoted: opt.quoted };
      name = name.slice(0, eq);
    }
    if (long) this.dispatch(name, neg, opt);
    else {
      this.diagnostics.push(diagnostic('IPT007', this.at(opt), msg('diag.IPT007.unknownOptionKeptBut', { optText: text }), 'warning'));
      this.receiver = this.newModule(UNKNOWN_OPTIONS_MODULE, true, neg ?? opt, opt);
    }
    const toTarget = this.receiver === TARGET_RECEIVER;
    const ownerName = toTarget ? this.receiverName : ((this.modules as string[])[this.receiver] as string);
    const arity = optionArity(toTarget, ownerName, name);
    let next: number;
    if (inline) {
      this.inline = inline;
      this.postfix = null;
      this.argCount = 1;
      next = this.i + 1;
    } else next = this.readArgs(this.i + 1, arity);
    if (arity !== null && this.argCount < arity) this.missing(opt, arity === 1 ? msg('diag.what.value') : msg('diag.what.values', { count: arity }));
    if (neg && this.postfix) this.diagnostics.push(diagnostic('IPT016', this.at(this.postfix), msg('diag.IPT016.negatedTwiceOneUsed'), 'warning'));
    const end = (this.lastArg() ?? opt).endColumn;
    if (toTarget && this.receiverIsTarget && this.targetEnd < end) this.targetEnd = end;
    if (this.body) {
      const lastArg = this.lastArg();
      const args: string[] = [];
      if (this.inline) args.push(this.inline.text);
      else for (let k = 0; k < this.argCount; k++) args.push((this.tokens[this.argFrom + k] as Token).text);
      const option: Option = { name, negate: neg !== null || this.postfix !== null, args, span: this.at(neg ?? opt, lastArg ?? opt) };
      const owner = toTarget ? (this.receiverTarget as Target) : ((this.built as ModuleMatch[])[this.receiver] as ModuleMatch);
      owner.options.push(option);
      extend(owner.span, option.span.endColumn ?? opt.endColumn);
    }
    validateOption(toTarget, ownerName, name, this.firstArg(), this.file, this.line, this.diagnostics);
    return next;
  }

  private readModule(opt: Token, neg: Token | null): number {
    if (neg) this.diagnostics.push(diagnostic('IPT016', this.at(neg), msg('diag.IPT016.cannotNegateMIgnored'), 'warning'));
    const next = this.readArgs(this.i + 1, 1);
    const value = this.firstArg();
    if (!value) {
      this.missing(opt, msg('diag.what.moduleName'));
      this.receiver = NO_RECEIVER;
      return next;
    }
    if (!isKnownModule(value.text)) {
      this.diagnostics.push(diagnostic('IPT011', this.at(value), msg('diag.IPT011.unknownMatchModuleRule', { valueText: value.text }), 'warning'));
    }
    this.receiver = this.newModule(value.text, false, opt, value);
    return next;
  }

  private readTarget(opt: Token, neg: Token | null): number {
    if (neg) this.diagnostics.push(diagnostic('IPT016', this.at(neg), msg('diag.IPT016.cannotNegateTargetIgnored'), 'warning'));
    const next = this.readArgs(this.i + 1, 1);
    const value = this.firstArg();
    if (!value) this.missing(opt, msg('diag.what.targetName'));
    const name = value?.text ?? '';
    let target: Target | null = null;
    if (this.body) target = { name, goto: opt.text === '-g' || opt.text === '--goto', options: [], span: this.at(opt, value ?? opt) };
    if (this.targetName !== null) {
      this.diagnostics.push(diagnostic('IPT016', this.at(opt, value ?? opt), msg('diag.IPT016.ruleHasOnlyOne'), 'warning'));
    } else {
      this.targetName = name;
      this.targetOpt = opt;
      this.targetEnd = (value ?? opt).endColumn;
      if (this.body) this.body.target = target;
    }
    this.receiverIsTarget = this.targetOpt === opt;
    this.receiver = TARGET_RECEIVER;
    this.receiverName = name;
    this.receiverTarget = target;
    return next;
  }

  private readCounters(opt: Token): number {
    const next = this.readArgs(this.i + 1, 2);
    const p = this.argCount > 0 ? this.tokens[this.argFrom] : undefined;
    const b = this.argCount > 1 ? this.tokens[this.argFrom + 1] : undefined;
    if (!p || !b) this.missing(opt, msg('diag.what.counters'));
    else if (COUNTER.test(p.text) && COUNTER.test(b.text)) {
      if (this.body) this.body.counters = { packets: Number(p.text), bytes: Number(b.text) };
    } else this.diagnostics.push(diagnostic('IPT016', this.at(p, b), msg('diag.IPT016.countersMustTwoWhole')));
    return next;
  }
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
  const reader = new RuleReader(tokens, start, ctx.file, ctx.line, ctx.diagnostics, ctx.shellComments === true, true);
  reader.read();
  return reader.body as RuleBody;
}

/**
 * The diagnostics `parseRuleTokens` would report, without building the rule.
 *
 * @example
 * const { tokens } = tokenizeLine('-A X -p tcp --dport 99999 -j NOPE', 'f', 1);
 * checkRuleTokens(tokens, 2, { file: 'f', line: 1, diagnostics }).targetName; // 'NOPE' (and IPT010 in diagnostics)
 */
export function checkRuleTokens(tokens: Token[], start: number, ctx: RuleParseContext): RuleCheck {
  const reader = new RuleReader(tokens, start, ctx.file, ctx.line, ctx.diagnostics, ctx.shellComments === true, false);
  reader.read();
  return reader;
}
