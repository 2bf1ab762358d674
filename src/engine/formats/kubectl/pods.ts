/** `kubectl get pods [-A] [-o wide]` → `KubePodList`. */
import { diagnostic, type Diagnostic, type ParseResult } from '../../diagnostics';
import { ipOf, nameOf, restartsOf, textOf } from './cells';
import { readTable, type TableSpec } from './table';
import type { KubePod, KubePodList } from './types';
import { msg } from '../../explain/message';

export const POD_TABLE: TableSpec = {
  what: 'pods',
  isHeader: (names) => names.has('READY') && names.has('STATUS') && names.has('RESTARTS'),
};

/**
 * Parses `kubectl get pods [-A|-n NS] [-o wide]`. Column offsets come from the header line, so
 * `NOMINATED NODE` and `2 (5m ago)` restarts read right. `<none>` IPs and nodes are left out.
 * Without `-o wide` there is no IP column: one `KUB005` info says so. Never throws.
 *
 * @example
 * const { value } = parseKubectlPods(
 *   'NAMESPACE   NAME        READY   STATUS    RESTARTS     AGE   IP           NODE     NOMINATED NODE   READINESS GATES\n' +
 *   'default     web-abcde   1/1     Running   2 (5m ago)   3d    10.244.1.5   node-1   <none>           <none>\n', 'pods.txt');
 * value.pods[0]; // { namespace: 'default', name: 'web-abcde', restarts: 2, ip: '10.244.1.5', node: 'node-1', ... }
 */
export function parseKubectlPods(text: string, file: string): ParseResult<KubePodList> {
  const diagnostics: Diagnostic[] = [];
  const rows = readTable(text, file, POD_TABLE, diagnostics);
  const pods: KubePod[] = [];
  let notedNoIp = false;
  for (const { line, cells, span } of rows) {
    const name = nameOf(cells.get('NAME'));
    if (name === undefined) continue;
    const pod: KubePod = { name, span };
    const set = <K extends keyof KubePod>(key: K, value: KubePod[K] | undefined) => {
      if (value !== undefined) pod[key] = value;
    };
    set('namespace', nameOf(cells.get('NAMESPACE')));
    set('ready', textOf(cells.get('READY')));
    set('status', textOf(cells.get('STATUS')));
    set('restarts', restartsOf(textOf(cells.get('RESTARTS'))));
    set('age', textOf(cells.get('AGE')));
    set('ip', ipOf(cells.get('IP'), 'Pod IP', file, line, diagnostics));
    set('node', textOf(cells.get('NODE')));
    set('nominatedNode', textOf(cells.get('NOMINATED NODE')));
    if (!cells.has('IP') && !notedNoIp) {
      notedNoIp = true;
      diagnostics.push(diagnostic('KUB005', span, msg('diag.KUB005.noIpColumnPods'), 'info', msg('diag.hint.useKubectlGetPods')));
    }
    pods.push(pod);
  }
  return { value: { pods, files: [file] }, diagnostics };
}
