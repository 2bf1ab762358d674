/**
 * Hopscope's engine: the only import path for the UI and the CLI.
 *
 * dump text ──parse──▶ model ──simulate(packet, choices)──▶ trace ──project──▶ views
 *
 * @example
 * ```ts
 * const model = buildModel([{ name: 'iptables-save.txt', text, node: 'node-1' }, ...]);
 * const spec = parsePacketSpec('tcp 10.244.1.2:40000 > 10.96.0.100:80').value!;
 * const trace = simulate(model, { from: 'node-1/client', packet: spec });
 * for (const hop of traceHops(trace)) console.log(renderMessage(hop.message));
 * ```
 */

export type { Diagnostic, DiagnosticCode, ParseResult, Severity, SourceSpan } from './diagnostics';
export { DIAGNOSTIC_CODES, formatDiagnostic } from './diagnostics';
export type { Msg } from './explain/message';
export type { Lang } from './explain/render';
export { LANGS } from './explain/render';
export type { Chain, IptablesRuleset, Match, Rule, TableName, Target } from './formats/iptables/types';
export type { Link, LinkKind } from './formats/ip-link/types';
export type { Route } from './formats/ip-route/types';
export type { InputFile, InputFormat, Model, Netns, NetnsId } from './model/types';
export type { HopAnchor, Level, QuestionChoice, QuestionKind, Scenario, ScenarioNarration, ScenarioPacket, ScenarioQuestion } from './scenario/types';
export type { PacketSpec } from './sim/packet-spec';
export type { SimulationRequest } from './sim/simulate';
export type { SimSettings } from './sim/state';
export { DEFAULT_SETTINGS } from './sim/state';
export type { IfaceId, TopoIface, TopoLink, TopoNetns, Topology } from './topology/types';
export type { CtState, FieldChange, Packet } from './trace/packet';
export type {
  AssumptionNode, BranchNode, BranchOption, DetailNode, ErrorNode, Hook, HopKind, HopNode, LegNode,
  AddressName, ModifyNode, Place, RouteNode, RuleNode, RuleRef, Trace, TraceNode, Verdict,
} from './trace/types';

/** Renders an engine message in English, Korean or Chinese. @example renderMessage(hop.message, 'en') */
export { renderMessage } from './explain/render';
/** Recognises a dump by its shape. @example detectFormat('*nat\n:PREROUTING ACCEPT [0:0]\nCOMMIT').format === 'iptables-save' */
export { detectFormat } from './formats/detect';
/** Parses each input and joins them into hosts, namespaces, interfaces, routes and rules. */
export { buildModel, deferredCheckSteps, runDeferredChecks, type BuildOptions } from './model/build';
/** Reads a scenario folder (`scenario.yaml` + dumps) given as path → text. */
export { loadScenario } from './scenario/load';
export type { LocalizedText } from './scenario/localize';
/** Scenario text in a language, English when that language is missing. @example localize({ en: 'Hairpin', ko: '헤어핀' }, 'ko') === '헤어핀' */
export { localize } from './scenario/localize';
export type { ResolvedGuide, ResolvedNarration, ResolvedQuestion } from './scenario/guide';
/**
 * Places a scenario's narration and questions on the hops of a trace of one of its packets and
 * works out each question's right answer from that trace (docs/scenarios.md, "Guided mode").
 * @example const guide = resolveGuide(scenario, scenario.packets[0].name, trace); guide.questions[0].correct
 */
export { resolveGuide } from './scenario/guide';
/** `tcp 10.244.1.2:40000 > 10.96.0.10:80` → a packet spec, or a located diagnostic. */
export { formatPacketSpec, parsePacketSpec } from './sim/packet-spec';
/** Sends a packet through the model and returns the trace tree. */
export { resolveSource, simulate } from './sim/simulate';
/** The graph of namespaces, interfaces and links the topology view draws. */
export { buildTopology } from './topology/build';
export { ifaceId } from './topology/types';
/** Projections of a trace: every hop in order, and the golden-test minimal form. */
export { minimalTrace, traceHops } from './trace/minimal';
export { diffPackets } from './trace/packet';
/** What a packet can start from and go to: namespaces with addresses, Services, nodes. */
export { modelCatalog, type Catalog, type CatalogNamespace, type CatalogService } from './model/catalog';
export { INPUT_FORMATS } from './model/types';
/**
 * Replaces IPv4/MAC addresses and node, pod, namespace and Service names consistently across a
 * workspace (prefix-preserving, so the redacted dumps trace the same path). Draw `key` at random.
 * @example redactInputs(inputs, crypto.randomUUID()).inputs
 */
export { redactInputs, type Redaction } from './redact/redact';
