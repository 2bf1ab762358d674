/**
 * The OpenFlow pipeline of one OVS bridge, as `ovs-vswitchd` walks it (`ofproto/trace` shows the
 * same walk): start in table 0; in each table the highest-priority flow that matches wins (none:
 * the packet is dropped); its actions run in order: `resubmit` searches another table and comes
 * back, `goto_table` continues in another table, `load`/`move`/`set_field` rewrite fields
 * (registers, tunnel id and destination, addresses), `output` sends the frame out of a port, and
 * `ct(table=N)` sends it through connection tracking and on to table N.
 *
 * Hopscope follows the first `output`; further outputs (copies) are reported. What it cannot
 * simulate (groups, learn, controllers, fields it does not model) is reported, never guessed.
 */
import type { OvsAction, OvsBridge, OvsFlow } from '../../formats/ovs/types';
import { parseIpv4 } from '../../net/ipv4';
import { clonePacket, type Packet } from '../../trace/packet';
import { CT_STATE_BITS, fieldDef, formatField, maskOf, parseFieldRef, parseFieldValue, readRef, writeRef, type FieldRef } from './fields';
import { matchFlow } from './match';
import { RESERVED_PORTS, type OvsPorts } from './ports';

/** ovs-vswitchd gives up after this many nested resubmits (MAX_DEPTH in ofproto-dpif-xlate.c). */
export const MAX_RESUBMIT_DEPTH = 64;
/** ... and after this many resubmits in all (MAX_RESUBMITS). */
export const MAX_RESUBMITS = 4096;

export interface PipelineInput {
  bridge: OvsBridge;
  /** The bridge's flows, in dump order. */
  flows: OvsFlow[];
  ports: OvsPorts;
  /** The OpenFlow port number the frame came in on. */
  inPort: number;
  packet: Packet;
  /** The ct_state bits a `ct()` action gives (from the leg: a new connection or a reply). */
  ctState: bigint;
  /** Tunnel metadata of a frame received on a tunnel port. */
  tunnel?: { id: bigint; src: string; dst: string };
}

/** One table visited: the flow that won, or none (a table miss). */
export interface PipelineStep {
  table: number;
  flow: OvsFlow | null;
  /** Matches of the winning flow on fields Hopscope does not model (assumed to match). */
  notSimulated: string[];
  /** Actions of this flow Hopscope did not simulate (`learn(...)`, `group:2`). */
  skipped: string[];
  /** Nesting depth (0 for the first table, +1 inside each resubmit). */
  depth: number;
}

export type PipelineOutcome =
  | { kind: 'output'; port: string; number: number }
  | { kind: 'drop'; why: 'action' | 'miss' | 'no-output' }
  | { kind: 'normal' }
  | { kind: 'controller' }
  | { kind: 'unsupported'; action: string }
  | { kind: 'loop' }
  | { kind: 'unknown-port'; number: number };

export interface PipelineResult {
  steps: PipelineStep[];
  outcome: PipelineOutcome;
  /** The fields when the frame left (tun_dst, tun_id, registers), as ovs-fields names them. */
  fields: Map<string, bigint>;
  /** The packet with the headers the flows rewrote (MACs, addresses, ports, TTL, NAT). */
  packet: Packet;
  /** Ports of further `output` actions: OVS sends a copy out of each; the trace follows the first. */
  copies: string[];
}

interface Run {
  input: PipelineInput;
  tables: Map<number, OvsFlow[]>;
  fields: Map<string, bigint>;
  packet: Packet;
  steps: PipelineStep[];
  resubmits: number;
  first?: { outcome: PipelineOutcome; fields: Map<string, bigint>; packet: Packet };
  copies: string[];
  stopped: boolean;
  /** `output` actions to the port the frame came in on, which OVS skips. */
  skippedToInPort: number;
}

const tablesCache = new WeakMap<OvsFlow[], { size: number; tables: Map<number, OvsFlow[]> }>();

/** Flows of each table, highest priority first (ties keep dump order); built once per flow list. */
function indexTables(flows: OvsFlow[]): Map<number, OvsFlow[]> {
  const cached = tablesCache.get(flows);
  if (cached && cached.size === flows.length) return cached.tables;
  const tables = buildTables(flows);
  tablesCache.set(flows, { size: flows.length, tables });
  return tables;
}

function buildTables(flows: OvsFlow[]): Map<number, OvsFlow[]> {
  const tables = new Map<number, OvsFlow[]>();
  for (const f of flows) {
    let list = tables.get(f.table);
    if (!list) tables.set(f.table, (list = []));
    list.push(f);
  }
  for (const list of tables.values()) list.sort((a, b) => b.priority - a.priority);
  return tables;
}

function isConjunctionClause(flow: OvsFlow): boolean {
  return flow.actions.length > 0 && flow.actions.every((a) => a.name === 'conjunction');
}

/** `conjunction(10,2/3)` → id 10, clause 2 of 3. */
function conjunctionOf(a: OvsAction): { id: string; clause: number; of: number } | null {
  const m = /^\s*(\d+)\s*,\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(a.argText);
  return m ? { id: m[1]!, clause: Number(m[2]), of: Number(m[3]) } : null;
}

/** The winning flow of `table`, with conjunctive matches (`conj_id=`) resolved from their clauses. */
function lookup(run: Run, table: number): { flow: OvsFlow; notSimulated: string[] } | null {
  const flows = run.tables.get(table) ?? [];
  for (const flow of flows) {
    if (isConjunctionClause(flow)) continue;
    const result = matchFlow(flow.matches, run.fields, run.input.ports);
    if (!result.matched) continue;
    const conj = flow.matches.find((m) => m.field === 'conj_id');
    if (conj && !conjunctionHolds(run, flows, flow.priority, conj.value ?? '')) continue;
    return { flow, notSimulated: result.notSimulated };
  }
  return null;
}

function conjunctionHolds(run: Run, flows: OvsFlow[], priority: number, id: string): boolean {
  const satisfied = new Set<number>();
  let of = 0;
  for (const f of flows) {
    if (f.priority !== priority || !isConjunctionClause(f)) continue;
    for (const a of f.actions) {
      const c = conjunctionOf(a);
      if (!c || c.id !== id) continue;
      of = c.of;
      if (!satisfied.has(c.clause) && matchFlow(f.matches, run.fields, run.input.ports).matched) satisfied.add(c.clause);
    }
  }
  return of > 0 && satisfied.size === of;
}

function record(run: Run, outcome: PipelineOutcome): void {
  if (run.first) {
    if (outcome.kind === 'output') run.copies.push(outcome.port);
    return;
  }
  run.first = { outcome, fields: new Map(run.fields), packet: clonePacket(run.packet) };
}

/** Searches `table` and runs the winning flow's actions; a miss drops (OpenFlow 1.3 table-miss). */
function visit(run: Run, table: number, depth: number): void {
  if (run.stopped) return;
  if (depth > MAX_RESUBMIT_DEPTH || run.resubmits > MAX_RESUBMITS) {
    record(run, { kind: 'loop' });
    run.stopped = true;
    return;
  }
  const hit = lookup(run, table);
  const step: PipelineStep = { table, flow: hit?.flow ?? null, notSimulated: hit?.notSimulated ?? [], skipped: [], depth };
  run.steps.push(step);
  if (!hit) {
    if (depth === 0) record(run, { kind: 'drop', why: 'miss' });
    return;
  }
  if (hit.flow.actions.length === 0 || (hit.flow.actions.length === 1 && hit.flow.actions[0]!.name === 'drop')) {
    // Inside a resubmit a drop flow only ends that search; the calling flow goes on.
    if (depth === 0) record(run, { kind: 'drop', why: 'action' });
    return;
  }
  const next = runActions(run, hit.flow.actions, table, depth, step);
  if (next !== null) visit(run, next, depth);
}

/** Runs an action list; returns the table a `goto_table` or `ct(table=N)` continues in, or null. */
function runActions(run: Run, actions: OvsAction[], table: number, depth: number, step: PipelineStep): number | null {
  let next: number | null = null;
  for (const a of actions) {
    if (run.stopped) return null;
    const name = a.name.toLowerCase();
    switch (name) {
      case 'output':
        output(run, a.argText || paramOf(a, 'port') || '');
        break;
      case 'in_port':
      case 'local':
      case 'flood':
      case 'all':
        output(run, a.name);
        break;
      case 'normal':
        record(run, { kind: 'normal' });
        break;
      case 'controller':
        record(run, { kind: 'controller' });
        break;
      case 'drop':
        break;
      case 'exit':
        run.stopped = true;
        return null;
      case 'resubmit': {
        const target = resubmitTarget(run, a, table);
        run.resubmits++;
        const savedPort = run.fields.get('in_port');
        if (target.port !== undefined) run.fields.set('in_port', BigInt(target.port));
        visit(run, target.table, depth + 1);
        if (target.port !== undefined && savedPort !== undefined) run.fields.set('in_port', savedPort);
        break;
      }
      case 'goto_table':
        next = Number(a.argText);
        break;
      case 'load':
      case 'set_field':
        setField(run, a, name, step);
        break;
      case 'move':
        moveField(run, a, step);
        break;
      case 'mod_dl_src':
      case 'mod_dl_dst':
      case 'mod_nw_src':
      case 'mod_nw_dst':
      case 'mod_tp_src':
      case 'mod_tp_dst':
        writeNamed(run, name.slice(4), a.argText, step, a.text);
        break;
      case 'set_tunnel':
      case 'set_tunnel64':
        writeNamed(run, 'tun_id', a.argText, step, a.text);
        break;
      case 'dec_ttl':
        run.packet.ip.ttl = Math.max(0, run.packet.ip.ttl - 1);
        run.fields.set('nw_ttl', BigInt(run.packet.ip.ttl));
        break;
      case 'ct': {
        const t = conntrack(run, a, step);
        if (t !== null) next = t;
        break;
      }
      case 'ct_clear':
        run.fields.set('ct_state', 0n);
        break;
      case 'clone': {
        const saved = { fields: new Map(run.fields), packet: clonePacket(run.packet) };
        runActions(run, a.args.flatMap((x) => (x.kind === 'action' ? [x.action] : [])), table, depth, step);
        run.fields = saved.fields;
        run.packet = saved.packet;
        break;
      }
      case 'check_pkt_larger':
        // Simulated packets fit the MTU: the result bit is 0.
        if (a.suffix) writeRefText(run, a.suffix.replace(/^->/, ''), 0n);
        break;
      case 'strip_vlan':
      case 'pop_vlan':
        run.fields.set('vlan_tci', 0n);
        break;
      case 'note':
      case 'conjunction':
        break;
      case 'group':
        record(run, { kind: 'unsupported', action: a.text });
        step.skipped.push(a.text);
        break;
      default:
        step.skipped.push(a.text);
    }
  }
  return next;
}

function paramOf(a: OvsAction, key: string): string | undefined {
  for (const arg of a.args) if (arg.kind === 'param' && arg.key === key) return arg.value;
  return undefined;
}

/** `resubmit(,2)`, `resubmit(3,2)`, `resubmit:3`: the table (current one when omitted) and the in_port. */
function resubmitTarget(run: Run, a: OvsAction, table: number): { table: number; port?: number } {
  if (a.args.length === 0) {
    const port = run.input.ports.number(a.argText);
    return port === null ? { table } : { table, port };
  }
  const [portArg, tableArg] = a.args.map((x) => (x.kind === 'flag' ? x.text : ''));
  const out: { table: number; port?: number } = { table: tableArg ? Number(tableArg) : table };
  const port = portArg ? run.input.ports.number(portArg) : null;
  if (port !== null) out.port = port;
  return out;
}

function output(run: Run, target: string): void {
  let number: number | null;
  const ref = target.includes('[') ? parseFieldRef(target) : null;
  if (ref) number = Number(readRef(run.fields, ref));
  else number = run.input.ports.number(target);
  if (number === null) {
    record(run, { kind: 'unsupported', action: `output:${target}` });
    return;
  }
  const inPort = Number(run.fields.get('in_port') ?? 0n);
  if (number === RESERVED_PORTS.IN_PORT) number = inPort;
  // OVS never sends a frame back out of the port it came in on unless the flow says IN_PORT.
  else if (number === inPort) return void run.skippedToInPort++;
  if (number === RESERVED_PORTS.NORMAL) return record(run, { kind: 'normal' });
  if (number === RESERVED_PORTS.CONTROLLER) return record(run, { kind: 'controller' });
  if (number === RESERVED_PORTS.FLOOD || number === RESERVED_PORTS.ALL) return record(run, { kind: 'unsupported', action: target });
  const port = run.input.ports.name(number);
  record(run, port === null ? { kind: 'unknown-port', number } : { kind: 'output', port, number });
}

/** `load:0x10->NXM_NX_REG0[]`, `set_field:10.0.0.4->tun_dst`, `set_field:0x1/0x1->reg10`. */
function setField(run: Run, a: OvsAction, name: string, step: PipelineStep): void {
  const arrow = a.argText.lastIndexOf('->');
  if (arrow < 0) return void step.skipped.push(a.text);
  const ref = parseFieldRef(a.argText.slice(arrow + 2));
  if (!ref) return void step.skipped.push(a.text);
  let valueText = a.argText.slice(0, arrow);
  let mask: bigint | null = null;
  const slash = valueText.indexOf('/');
  if (name === 'set_field' && slash >= 0) {
    mask = parseFieldValue(valueText.slice(slash + 1), ref.def);
    valueText = valueText.slice(0, slash);
  }
  const value = parseFieldValue(valueText, ref.def);
  if (value === null) return void step.skipped.push(a.text);
  if (mask !== null) {
    const old = readRef(run.fields, ref);
    write(run, ref, (old & ~mask) | (value & mask));
  } else write(run, ref, value);
}

function moveField(run: Run, a: OvsAction, step: PipelineStep): void {
  const [srcText, dstText] = a.argText.split('->');
  const src = srcText ? parseFieldRef(srcText) : null;
  const dst = dstText ? parseFieldRef(dstText) : null;
  if (!src || !dst) return void step.skipped.push(a.text);
  write(run, dst, readRef(run.fields, src) & maskOf(dst.bits));
}

function writeRefText(run: Run, text: string, value: bigint): void {
  const ref = parseFieldRef(text);
  if (ref) write(run, ref, value);
}

function writeNamed(run: Run, field: string, text: string, step: PipelineStep, actionText: string): void {
  const def = fieldDef(field);
  const value = def ? parseFieldValue(text, def) : null;
  if (!def || value === null) return void step.skipped.push(actionText);
  write(run, { def, ofs: 0, bits: def.bits }, value);
}

/** Writes a field and mirrors header fields into the packet the trace shows. */
function write(run: Run, ref: FieldRef, value: bigint): void {
  writeRef(run.fields, ref, value);
  const v = run.fields.get(ref.def.name)!;
  const p = run.packet;
  switch (ref.def.name) {
    case 'dl_src':
    case 'dl_dst':
      p.eth = { ...(p.eth ?? { src: '??', dst: '??' }), [ref.def.name === 'dl_src' ? 'src' : 'dst']: formatField(ref.def, v) };
      break;
    case 'nw_src':
      p.ip.src = formatField(ref.def, v);
      break;
    case 'nw_dst':
      p.ip.dst = formatField(ref.def, v);
      break;
    case 'tp_src':
      if (p.l4) p.l4.sport = Number(v);
      break;
    case 'tp_dst':
      if (p.l4) p.l4.dport = Number(v);
      break;
    case 'nw_ttl':
      p.ip.ttl = Number(v);
      break;
    case 'pkt_mark':
      p.meta.mark = Number(v);
      break;
  }
}

/**
 * `ct(commit,table=N,zone=...,nat(dst=IP:PORT),exec(...))`: the frame goes through connection
 * tracking; ct_state becomes the leg's state (+trk), an explicit NAT rewrites the packet, and
 * `table=N` continues the pipeline there. Returns that table, or null.
 */
function conntrack(run: Run, a: OvsAction, step: PipelineStep): number | null {
  let state = run.input.ctState | CT_STATE_BITS.trk!;
  for (const arg of a.args) {
    if (arg.kind === 'param' && arg.key === 'zone') {
      const ref = parseFieldRef(arg.value);
      run.fields.set('ct_zone', ref ? readRef(run.fields, ref) : BigInt(/^\d+$/.test(arg.value) ? arg.value : 0));
    }
    if (arg.kind !== 'action') continue;
    if (arg.action.name === 'exec') runActions(run, arg.action.args.flatMap((x) => (x.kind === 'action' ? [x.action] : [])), 0, 0, step);
    if (arg.action.name === 'nat') state |= nat(run, arg.action, step);
  }
  run.fields.set('ct_state', state);
  const table = paramOf(a, 'table');
  return table === undefined ? null : Number(table);
}

/** `nat(dst=10.128.0.5:8080)` / `nat(src=169.254.169.2)`: the first address of the range; bare `nat` needs the connection. */
function nat(run: Run, a: OvsAction, step: PipelineStep): bigint {
  for (const arg of a.args) {
    if (arg.kind !== 'param' || (arg.key !== 'dst' && arg.key !== 'src')) continue;
    const m = /^\[?([\d.]+)\]?(?:-[\d.]+)?(?::(\d+))?/.exec(arg.value);
    if (!m || parseIpv4(m[1]!) === null) continue;
    const dst = arg.key === 'dst';
    const ip = fieldDef(dst ? 'nw_dst' : 'nw_src')!;
    write(run, { def: ip, ofs: 0, bits: 32 }, parseFieldValue(m[1]!, ip)!);
    if (m[2]) write(run, { def: fieldDef(dst ? 'tp_dst' : 'tp_src')!, ofs: 0, bits: 16 }, BigInt(m[2]));
    return dst ? CT_STATE_BITS.dnat! : CT_STATE_BITS.snat!;
  }
  // A bare `nat` applies the NAT of an existing connection, which the dumps do not show.
  if (a.args.length === 0 && run.input.ctState & CT_STATE_BITS.est!) step.skipped.push(a.text);
  return 0n;
}

/** Walks the bridge's pipeline from table 0 for a frame that came in on `input.inPort`. */
export function runPipeline(input: PipelineInput): PipelineResult {
  const fields = fieldsFor(input);
  const run: Run = { input, tables: indexTables(input.flows), fields, packet: clonePacket(input.packet), steps: [], resubmits: 0, copies: [], stopped: false, skippedToInPort: 0 };
  visit(run, 0, 0);
  const first = run.first ?? { outcome: { kind: 'drop', why: 'no-output' } as PipelineOutcome, fields: run.fields, packet: run.packet };
  return { steps: run.steps, outcome: first.outcome, fields: first.fields, packet: first.packet, copies: run.copies };
}

function fieldsFor(input: PipelineInput): Map<string, bigint> {
  const f = new Map<string, bigint>();
  f.set('in_port', BigInt(input.inPort));
  const p = input.packet;
  const put = (name: string, text: string | undefined) => {
    const def = fieldDef(name)!;
    const v = text && text !== '??' ? parseFieldValue(text, def) : null;
    if (v !== null) f.set(name, v);
  };
  put('dl_src', p.eth?.src);
  put('dl_dst', p.eth?.dst);
  f.set('dl_type', 0x0800n);
  put('nw_src', p.ip.src);
  put('nw_dst', p.ip.dst);
  f.set('nw_proto', BigInt(p.ip.proto));
  f.set('nw_ttl', BigInt(p.ip.ttl));
  if (p.l4) {
    f.set('tp_src', BigInt(p.l4.sport));
    f.set('tp_dst', BigInt(p.l4.dport));
  }
  f.set('pkt_mark', BigInt(p.meta.mark >>> 0));
  if (input.tunnel) {
    f.set('tun_id', input.tunnel.id);
    put('tun_src', input.tunnel.src);
    put('tun_dst', input.tunnel.dst);
  }
  return f;
}
