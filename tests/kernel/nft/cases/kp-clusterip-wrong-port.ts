import { webService } from '../../harness/kube-proxy';
import { K8S_POD_IPS, kubernetesNode } from '../../harness/topology';
import { kubeProxyNft } from '../kube-proxy-nft';
import type { NftCase } from '../types';

// A ClusterIP that exists, on a port the Service does not have (10.96.0.100:81): no
// service-ips element, so no DNAT; cluster-ips-check's `ip daddr @cluster-ips reject`.
const c: NftCase = {
  name: 'kp-clusterip-wrong-port',
  title: 'kube-proxy nft: pod → ClusterIP on a port the Service lacks (cluster-ips-check: reject)',
  topology: kubernetesNode(['client', 'web-1']),
  load: [{ nft: kubeProxyNft([webService([K8S_POD_IPS['web-1']!])]) }],
  listeners: [{ role: 'web-1', ports: ['tcp:8080', 'tcp:81'] }, { role: 'ext', ports: ['tcp:81'] }],
  send: { from: 'client', proto: 'tcp', src: '10.244.1.2', sport: 40000, dst: '10.96.0.100', dport: 81 },
  expectKernel: { outcome: 'rejected', rejectWith: 'icmp-port-unreachable' },
};
export default c;
