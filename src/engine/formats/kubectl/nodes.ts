/** `kubectl get nodes [-o wide]` → `KubeNodeList`. */
import { diagnostic, type Diagnostic, type ParseResult } from '../../diagnostics';
import { ipOf, nameOf, textOf } from './cells';
import { readTable, type TableSpec } from './table';
import type { KubeNode, KubeNodeList } from './types';
import { msg } from '../../explain/message';

export const NODE_TABLE: TableSpec = {
  what: 'nodes',
  isHeader: (names) => names.has('STATUS') && names.has('ROLES'),
  spacey: 'OS-IMAGE',
};

/**
 * Parses `kubectl get nodes [-o wide]`: INTERNAL-IP and EXTERNAL-IP (`<none>` left out), roles,
 * and the `OS-IMAGE` column whose values hold spaces. Without `-o wide` one `KUB005` info says
 * the addresses are missing. Never throws.
 *
 * @example
 * const { value } = parseKubectlNodes(
 *   'NAME     STATUS   ROLES           AGE   VERSION   INTERNAL-IP     EXTERNAL-IP   OS-IMAGE             KERNEL-VERSION   CONTAINER-RUNTIME\n' +
 *   'node-1   Ready    control-plane   9d    v1.31.0   192.168.56.11   <none>        Ubuntu 22.04.4 LTS   5.15.0-116       containerd://1.7.18\n', 'nodes.txt');
 * value.nodes[0]; // { name: 'node-1', roles: ['control-plane'], internalIP: '192.168.56.11', osImage: 'Ubuntu 22.04.4 LTS', ... }
 */
export function parseKubectlNodes(text: string, file: string): ParseResult<KubeNodeList> {
  const diagnostics: Diagnostic[] = [];
  const rows = readTable(text, file, NODE_TABLE, diagnostics);
  const nodes: KubeNode[] = [];
  let notedNoIp = false;
  for (const { line, cells, span } of rows) {
    const name = nameOf(cells.get('NAME'));
    if (name === undefined) continue;
    const roles = textOf(cells.get('ROLES'));
    const node: KubeNode = { name, roles: roles === undefined ? [] : roles.split(',').filter((r) => r !== ''), span };
    const set = <K extends keyof KubeNode>(key: K, value: KubeNode[K] | undefined) => {
      if (value !== undefined) node[key] = value;
    };
    set('status', textOf(cells.get('STATUS')));
    set('age', textOf(cells.get('AGE')));
    set('version', textOf(cells.get('VERSION')));
    set('internalIP', ipOf(cells.get('INTERNAL-IP'), 'INTERNAL-IP', file, line, diagnostics));
    set('externalIP', ipOf(cells.get('EXTERNAL-IP'), 'EXTERNAL-IP', file, line, diagnostics));
    set('osImage', textOf(cells.get('OS-IMAGE')));
    set('kernelVersion', textOf(cells.get('KERNEL-VERSION')));
    set('containerRuntime', textOf(cells.get('CONTAINER-RUNTIME')));
    if (!cells.has('INTERNAL-IP') && !notedNoIp) {
      notedNoIp = true;
      diagnostics.push(diagnostic('KUB005', span, msg('diag.KUB005.noInternalIpColumn'), 'info', msg('diag.hint.useKubectlGetNodes')));
    }
    nodes.push(node);
  }
  return { value: { nodes, files: [file] }, diagnostics };
}
