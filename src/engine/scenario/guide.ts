/**
 * Resolves a scenario's narration and questions against a trace of one of its packets: which
 * hop each belongs to, and which answer of each question is right. The right answer is never
 * written in scenario.yaml: it is read from the trace, so a changed dump changes the answer.
 * This is the contract the guided mode builds on (docs/scenarios.md).
 */
import { diagnostic, type Diagnostic } from '../diagnostics';
import { diffPackets } from '../trace/packet';
import type { Trace } from '../trace/types';
import { anchorText, findHop, locateHops, type LocatedHop } from './anchor';
import type { LocalizedText } from './localize';
import type { QuestionChoice, QuestionKind, Scenario, ScenarioQuestion } from './types';
import { msg } from '../explain/message';

export interface ResolvedNarration {
  /** The hop's id (`HopNode.id`) and its step (index among all hops, as the player counts). */
  hopId: string;
  step: number;
  text: LocalizedText;
}

export interface ResolvedQuestion {
  id: string;
  kind: QuestionKind;
  /** Ask here: the player stops on this hop and hides what comes next until answered. */
  hopId: string;
  step: number;
  prompt: LocalizedText;
  choices: QuestionChoice[];
  /** Index of the right choice in `choices`. */
  correct: number;
  /** The step that shows the answer: the next hop chosen (next-hop) or the last hop of the change (field). */
  answerStep: number;
  /** For `field`: what the trace changes, e.g. [{ field: 'ip.dst', before: '10.96.0.100', after: '10.244.1.5' }]. */
  changes: { field: string; before: string; after: string }[];
  explanation: LocalizedText;
}

export interface ResolvedGuide {
  narration: ResolvedNarration[];
  questions: ResolvedQuestion[];
  /** Anchors that match no hop, questions without one right answer: located in scenario.yaml. */
  diagnostics: Diagnostic[];
}

/** Header fields a learner reasons about; the rest (MACs, TTL, conntrack bookkeeping) change on every hop. */
export function isTeachingField(field: string): boolean {
  return !(field.startsWith('eth.') || field.startsWith('inner.eth.') || field === 'ip.ttl' || field.startsWith('meta.ct') || field === 'ip.proto');
}

/**
 * The last hop from `start` before the packet leaves that namespace, is wrapped or unwrapped
 * by a tunnel (the packet is then another one), or its leg ends.
 */
function stayIn(hops: readonly LocatedHop[], start: LocatedHop): LocatedHop {
  let last = start;
  for (let i = start.step + 1; i < hops.length; i++) {
    const h = hops[i]!;
    if (h.leg !== start.leg || h.hop.place.netns !== start.hop.place.netns || h.hop.hop === 'encap' || h.hop.hop === 'decap') break;
    last = h;
  }
  return last;
}

function sameFields(a: readonly string[], b: readonly string[]): boolean {
  const x = new Set(a);
  return x.size === new Set(b).size && b.every((f) => x.has(f));
}

function resolveQuestion(q: ScenarioQuestion, hops: readonly LocatedHop[], at: LocatedHop): ResolvedQuestion | string {
  const base = { id: q.id, kind: q.kind, hopId: at.hop.id, step: at.step, prompt: q.prompt, choices: q.choices, explanation: q.explanation };
  if (q.kind === 'next-hop') {
    // Each choice stands for a hop; the right one is the choice whose hop the packet reaches first.
    const reached = q.choices.map((c) => findHop(hops, { ...c.hop!, nth: 1 }, at.step + 1));
    const first = Math.min(...reached.map((h) => h?.step ?? Infinity));
    if (first === Infinity) return `question "${q.id}": none of its choices is a hop after ${anchorText(q.at)}.`;
    const winners = reached.flatMap((h, i) => (h?.step === first ? [i] : []));
    if (winners.length > 1) return `question "${q.id}": choices ${winners.map((i) => i + 1).join(' and ')} name the same hop; make their anchors tell them apart.`;
    return { ...base, correct: winners[0]!, answerStep: first, changes: [] };
  }
  const end = stayIn(hops, at);
  const changes = diffPackets(at.hop.before, end.hop.after).filter((c) => isTeachingField(c.field));
  const fields = changes.map((c) => c.field);
  const winners = q.choices.flatMap((c, i) => (sameFields(c.fields ?? [], fields) ? [i] : []));
  const said = fields.length ? fields.join(', ') : 'nothing';
  if (winners.length === 0) return `question "${q.id}": the trace changes ${said} from ${anchorText(q.at)} until the packet leaves ${at.hop.place.netnsName || at.hop.place.node}; no choice lists exactly that.`;
  if (winners.length > 1) return `question "${q.id}": choices ${winners.map((i) => i + 1).join(' and ')} both list ${said}.`;
  return { ...base, correct: winners[0]!, answerStep: end.step, changes };
}

/**
 * Narration and questions of the scenario's packet `packet` (its name), placed on the hops of
 * `trace` (a trace of that packet). Entries that cannot be placed become diagnostics and are
 * left out; an `optional` narration whose hop is absent is left out silently.
 */
export function resolveGuide(scenario: Scenario, packet: string, trace: Trace): ResolvedGuide {
  const hops = locateHops(trace.legs);
  const diagnostics: Diagnostic[] = [];
  const narration: ResolvedNarration[] = [];
  for (const n of scenario.narration) {
    if (n.packet !== packet) continue;
    const h = findHop(hops, n.at);
    if (h) narration.push({ hopId: h.hop.id, step: h.step, text: n.text });
    else if (!n.optional) diagnostics.push(diagnostic('SCN005', n.span, msg('diag.SCN005.narrationNoHopTrace', { packet, anchor: anchorText(n.at) })));
  }
  const questions: ResolvedQuestion[] = [];
  for (const q of scenario.questions) {
    if (q.packet !== packet) continue;
    const at = findHop(hops, q.at);
    if (!at) {
      diagnostics.push(diagnostic('SCN005', q.span, msg('diag.SCN005.questionNoHopTrace', { qId: q.id, packet, anchor: anchorText(q.at) })));
      continue;
    }
    const r = resolveQuestion(q, hops, at);
    if (typeof r === 'string') diagnostics.push(diagnostic('SCN006', q.span, msg('diag.SCN006.detail', { detail: r })));
    else questions.push(r);
  }
  narration.sort((a, b) => a.step - b.step);
  questions.sort((a, b) => a.step - b.step);
  return { narration, questions, diagnostics };
}
