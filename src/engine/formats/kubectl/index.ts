/** kubectl text tables: pods, services, nodes, and the IP → name index built from them. */
export { parseKubectlPods } from './pods';
export { parseKubectlServices, parsePorts } from './services';
export { parseKubectlNodes } from './nodes';
export { buildIpNames, type IpName, type IpNames, type IpNameSources } from './names';
export type { KubeNode, KubeNodeList, KubePod, KubePodList, KubeService, KubeServiceList, KubeServicePort } from './types';
