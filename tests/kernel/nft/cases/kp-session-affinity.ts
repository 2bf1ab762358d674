import { webService } from '../../harness/kube-proxy';
import { K8S_POD_IPS, kubernetesNode } from '../../harness/topology';
import { kubeProxyNft } from '../kube-proxy-nft';
import type { NftCase } from '../types';

// sessionAffinity ClientIP, first connection: the affinity sets are empty (dynamic, timeout
// 3h), so `ip saddr @affinity-... goto` does not match; numgen picks; the endpoint chain does
// `update @affinity-... { ip saddr }` before its dnat.
const c: NftCase = {
  name: 'kp-session-affinity',
  title: 'kube-proxy nft: pod → ClusterIP with sessionAffinity ClientIP, first connection (empty affinity sets, update)',
  topology: kubernetesNode(['client', 'web-1', 'web-2']),
  load: [{ nft: kubeProxyNft([webService([K8S_POD_IPS['web-1']!, K8S_POD_IPS['web-2']!], { affinitySeconds: 10800 })]) }],
  listeners: [{ role: 'web-1', ports: ['tcp:8080'] }, { role: 'web-2', ports: ['tcp:8080'] }],
  send: { from: 'client', proto: 'tcp', src: '10.244.1.2', sport: 40000, dst: '10.96.0.100', dport: 80 },
  expectKernel: { outcome: 'delivered' },
};
export default c;
