/**
 * `ovs-vsctl show` → `OvsConfig`. The output is a tree drawn with indentation (4 spaces per level:
 * Open_vSwitch, Bridge/Manager, Port/Controller, Interface, columns): each row keyword opens an
 * object, and a `key: value` line belongs to the nearest object indented less than it. Parent
 * rows are found by kind, so an odd indentation still lands a Port in its Bridge.
 */
import { diagnostic, type Diagnostic, type ParseResult, type SourceSpan } from '../../diagnostics';
import { isPromptOrNoise, parseUint, tokenizeLine } from '../ip-link/text-lines';
import { parseOvsdbValue, readQuoted } from './ovsdb-value';
import type { OvsBridge, OvsConfig, OvsdbValue, OvsInterface, OvsPort, OvsTarget } from './types';
import { msg } from '../../explain/message';

type Row =
  | { kind: 'root'; obj: OvsConfig }
  | { kind: 'Bridge'; obj: OvsBridge }
  | { kind: 'Port'; obj: OvsPort }
  | { kind: 'Interface'; obj: OvsInterface }
  | { kind: 'Manager' | 'Controller'; obj: OvsTarget };

const ROW_WORDS = new Set(['Bridge', 'Port', 'Interface', 'Manager', 'Controller']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const attrs = () => Object.create(null) as Record<string, OvsdbValue>;

/** The row name after the keyword: bare, or JSON-quoted (`Port "83cf7b04f35b763"`). */
function rowName(rest: string): string | null {
  if (rest.startsWith('"')) {
    const q = readQuoted(rest, 0);
    return q && rest.slice(q.end).trim() === '' ? q.value : null;
  }
  return rest === '' || rest.includes(' ') ? null : rest;
}

class ShowReader {
  readonly diags: Diagnostic[] = [];
  readonly config: OvsConfig = { managers: [], bridges: [], attributes: attrs(), files: [] };
  private stack: { indent: number; row: Row }[] = [{ indent: -1, row: { kind: 'root', obj: this.config } }];

  constructor(private readonly file: string) {
    this.config.files.push(file);
  }

  private nearest<K extends Row['kind']>(kind: K): Extract<Row, { kind: K }> | null {
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const row = this.stack[i]!.row;
      if (row.kind === kind) return row as Extract<Row, { kind: K }>;
    }
    return null;
  }

  read(raw: string, line: number): void {
    let indent = 0;
    while (indent < raw.length && (raw[indent] === ' ' || raw[indent] === '\t' || raw[indent] === '\uFEFF')) indent++;
    const body = raw.slice(indent).trimEnd();
    if (body === '') return;
    const span: SourceSpan = { file: this.file, line, column: indent + 1, endColumn: indent + body.length + 1 };
    if (indent === 0 && UUID.test(body)) {
      this.config.uuid ??= body;
      return;
    }
    const tokens = tokenizeLine(raw);
    if (isPromptOrNoise(tokens)) return;
    // Only a line that was understood closes the rows above it: a stray line keeps its context.
    const close = () => {
      while (this.stack.length > 1 && this.stack[this.stack.length - 1]!.indent >= indent) this.stack.pop();
    };
    const space = body.indexOf(' ');
    const word = space < 0 ? body : body.slice(0, space);
    if (ROW_WORDS.has(word)) {
      const name = rowName(body.slice(word.length).trim());
      if (name === null) {
        this.diags.push(diagnostic('OVS003', span, msg('diag.OVS003.followedByOneName', { word }), 'warning'));
        return;
      }
      close();
      this.openRow(word, name, indent, span);
      return;
    }
    const colon = body.indexOf(': ');
    if (colon > 0 && !body.slice(0, colon).includes(' ')) {
      close();
      this.attribute(body.slice(0, colon), body.slice(colon + 2), indent + colon + 3, span);
      return;
    }
    this.diags.push(diagnostic('OVS001', span, undefined, 'warning'));
  }

  private openRow(word: string, name: string, indent: number, span: SourceSpan): void {
    let row: Row | null = null;
    if (word === 'Bridge') {
      const obj: OvsBridge = { name, controllers: [], ports: [], attributes: attrs(), span };
      this.config.bridges.push(obj);
      row = { kind: 'Bridge', obj };
    } else if (word === 'Manager') {
      const obj: OvsTarget = { target: name, attributes: attrs(), span };
      this.config.managers.push(obj);
      row = { kind: 'Manager', obj };
    } else if (word === 'Controller' || word === 'Port') {
      const bridge = this.nearest('Bridge');
      if (bridge && word === 'Controller') {
        const obj: OvsTarget = { target: name, attributes: attrs(), span };
        bridge.obj.controllers.push(obj);
        row = { kind: 'Controller', obj };
      } else if (bridge) {
        const obj: OvsPort = { name, interfaces: [], attributes: attrs(), span };
        bridge.obj.ports.push(obj);
        row = { kind: 'Port', obj };
      }
    } else {
      const port = this.nearest('Port');
      if (port) {
        const obj: OvsInterface = { name, type: '', options: Object.create(null) as Record<string, string>, attributes: attrs(), span };
        port.obj.interfaces.push(obj);
        row = { kind: 'Interface', obj };
      }
    }
    if (row === null) {
      this.diags.push(diagnostic('OVS002', span, msg(word === 'Interface' ? 'diag.OVS002.outsidePort' : 'diag.OVS002.outsideBridge', { word, name }), 'warning'));
      return;
    }
    this.stack.push({ indent, row });
  }

  private attribute(key: string, text: string, column: number, span: SourceSpan): void {
    const parsed = parseOvsdbValue(text);
    let value: OvsdbValue;
    if (parsed.ok) value = parsed.value;
    else {
      this.diags.push(diagnostic('OVS003', { ...span, column: Math.min(column + parsed.offset, span.endColumn!) }, msg('diag.OVS003.valueKeptAsText', { problem: parsed.message, key }), 'warning'));
      value = { kind: 'atom', value: text, quoted: false };
    }
    const row = this.stack[this.stack.length - 1]!.row;
    const atom = value.kind === 'atom' ? value.value : undefined;
    switch (row.kind) {
      case 'root':
        if (key === 'ovs_version' && atom !== undefined) row.obj.ovsVersion = atom;
        else row.obj.attributes[key] = value;
        return;
      case 'Manager':
      case 'Controller':
        if (key === 'is_connected' && (atom === 'true' || atom === 'false')) row.obj.isConnected = atom === 'true';
        else row.obj.attributes[key] = value;
        return;
      case 'Bridge':
        if (key === 'fail_mode' && atom !== undefined) row.obj.failMode = atom;
        else if (key === 'datapath_type' && atom !== undefined) row.obj.datapathType = atom;
        else row.obj.attributes[key] = value;
        return;
      case 'Port':
        this.portAttribute(row.obj, key, value, span);
        return;
      case 'Interface':
        if (key === 'type' && atom !== undefined) row.obj.type = atom;
        else if (key === 'options' && value.kind === 'map') row.obj.options = value.entries;
        else if (key === 'error' && atom !== undefined) row.obj.error = atom;
        else row.obj.attributes[key] = value;
    }
  }

  private portAttribute(port: OvsPort, key: string, value: OvsdbValue, span: SourceSpan): void {
    const numbers = value.kind === 'set' ? value.values.map((v) => parseUint(v)) : value.kind === 'atom' ? [parseUint(value.value)] : [null];
    const valid = numbers.every((n) => n !== null && n <= 4095);
    if ((key === 'tag' || key === 'trunks') && !valid) {
      this.diags.push(diagnostic('OVS003', span, msg('diag.OVS003.invalidVlanValue', { key }), 'warning'));
      port.attributes[key] = value;
    } else if (key === 'tag') port.tag = numbers[0]!;
    else if (key === 'trunks') port.trunks = numbers as number[];
    else port.attributes[key] = value;
  }
}

/**
 * Parses `ovs-vsctl show` output: bridges, ports, interfaces with their type, options and error,
 * controllers and managers. Names and values may be bare or quoted (OVS 2.7 quoted most names).
 * Never throws; problems are `OVS001`–`OVS003` diagnostics.
 *
 * @example
 * const { value } = parseOvsVsctlShow('    Bridge br-int\n        Port p\n            Interface p\n                type: patch\n                options: {peer=q}\n', 's.txt');
 * value.bridges[0].ports[0].interfaces[0].options.peer; // 'q'
 */
export function parseOvsVsctlShow(text: string, file: string): ParseResult<OvsConfig> {
  const reader = new ShowReader(file);
  let start = 0;
  let line = 1;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    reader.read(text.slice(start, end).replace(/\r$/, ''), line);
    start = end + 1;
    line++;
  }
  return { value: reader.config, diagnostics: reader.diags };
}
