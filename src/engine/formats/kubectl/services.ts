/** `kubectl get svc [-A] [-o wide]` → `KubeServiceList`. */
import { diagnostic, type Diagnostic, type ParseResult } from '../../diagnostics';
import { parseUint } from '../ip-link/text-lines';
import { cellSpan, isPlaceholder, nameOf, normalizeIp, textOf } from './cells';
import { readTable, type Cell, type TableSpec } from './table';
import type { KubeService, KubeServiceList, KubeServicePort } from './types';
import { msg } from '../../explain/message';

export const SERVICE_TABLE: TableSpec = {
  what: 'services',
  isHeader: (names) => names.has('TYPE') && names.has('CLUSTER-IP'),
};

/**
 * `80:30080/TCP,443:30443/TCP` → ports (kubectl's `makePortString`); `<none>` → []. Bad items
 * get a `KUB004` warning at their own columns and are left out.
 *
 * @example parsePorts('53/UDP,53/TCP,9153/TCP'); // [{ port: 53, protocol: 'UDP' }, ...]
 */
export function parsePorts(cell: Cell, file = '', line = 0, diags: Diagnostic[] = []): KubeServicePort[] {
  const ports: KubeServicePort[] = [];
  if (isPlaceholder(cell.text)) return ports;
  let offset = 0;
  for (const item of cell.text.split(',')) {
    const column = cell.column + offset;
    offset += item.length + 1;
    const slash = item.indexOf('/');
    const numbers = slash < 0 ? item : item.slice(0, slash);
    const protocol = slash < 0 ? 'TCP' : item.slice(slash + 1);
    const colon = numbers.indexOf(':');
    const port = parseUint(colon < 0 ? numbers : numbers.slice(0, colon));
    const nodePort = colon < 0 ? undefined : parseUint(numbers.slice(colon + 1));
    if (port === null || port > 65535 || nodePort === null || (nodePort ?? 0) > 65535 || !/^[A-Z]{2,5}$/.test(protocol)) {
      diags.push(diagnostic('KUB004', { file, line, column, endColumn: column + item.length }, msg('diag.KUB004.portSEntryLike', { item }), 'warning'));
      continue;
    }
    ports.push(nodePort === undefined ? { port, protocol } : { port, nodePort, protocol });
  }
  return ports;
}

/** `app=web,tier=front` → `{ app: 'web', tier: 'front' }`. */
function parseSelector(text: string): Record<string, string> {
  const selector: Record<string, string> = {};
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) selector[part.slice(0, eq)] = part.slice(eq + 1);
  }
  return selector;
}

function readExternal(service: KubeService, cell: Cell | undefined): void {
  if (!cell || cell.text === '') return;
  if (cell.text === '<pending>') service.externalPending = true;
  if (isPlaceholder(cell.text)) return;
  for (const item of cell.text.split(',')) {
    if (item === '') continue;
    const ip = normalizeIp(item);
    if (ip !== null) service.externalIPs.push(ip);
    else service.externalNames.push(item);
  }
}

/**
 * Parses `kubectl get svc [-A] [-o wide]`. CLUSTER-IP `None` is a headless service (`headless`,
 * no `clusterIP`); EXTERNAL-IP `<pending>` sets `externalPending`; addresses in it (a comma list)
 * go to `externalIPs`, names (LB hostnames, ExternalName targets) to `externalNames`. Never throws.
 *
 * @example
 * const { value } = parseKubectlServices(
 *   'NAMESPACE   NAME   TYPE       CLUSTER-IP     EXTERNAL-IP   PORT(S)                      AGE   SELECTOR\n' +
 *   'default     web    NodePort   10.96.45.3     <none>        80:30080/TCP,443:30443/TCP   3d    app=web\n', 'svc.txt');
 * value.services[0].ports; // [{ port: 80, nodePort: 30080, protocol: 'TCP' }, { port: 443, nodePort: 30443, protocol: 'TCP' }]
 */
export function parseKubectlServices(text: string, file: string): ParseResult<KubeServiceList> {
  const diagnostics: Diagnostic[] = [];
  const rows = readTable(text, file, SERVICE_TABLE, diagnostics);
  const services: KubeService[] = [];
  for (const { line, cells, span } of rows) {
    const name = nameOf(cells.get('NAME'));
    if (name === undefined) continue;
    const service: KubeService = {
      name, type: textOf(cells.get('TYPE')) ?? 'ClusterIP', headless: false, externalIPs: [], externalNames: [],
      externalPending: false, ports: [], span,
    };
    const namespace = nameOf(cells.get('NAMESPACE'));
    if (namespace !== undefined) service.namespace = namespace;
    const clusterCell = cells.get('CLUSTER-IP');
    const cluster = textOf(clusterCell);
    if (cluster === 'None') service.headless = true;
    else if (cluster !== undefined && clusterCell) {
      const ip = normalizeIp(cluster);
      if (ip !== null) service.clusterIP = ip;
      else diagnostics.push(diagnostic('KUB003', cellSpan(file, line, clusterCell), msg('diag.KUB003.clusterIpIpAddress', { cluster }), 'warning'));
    }
    readExternal(service, cells.get('EXTERNAL-IP'));
    const portsCell = cells.get('PORT(S)');
    if (portsCell) service.ports = parsePorts(portsCell, file, line, diagnostics);
    const selector = textOf(cells.get('SELECTOR'));
    if (selector !== undefined) service.selector = parseSelector(selector);
    const age = textOf(cells.get('AGE'));
    if (age !== undefined) service.age = age;
    services.push(service);
  }
  return { value: { services, files: [file] }, diagnostics };
}
