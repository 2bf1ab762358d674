import { webService } from '../../harness/kube-proxy';
import { EXT_IP, K8S_POD_IPS, kubernetesNode, NODE_IP } from '../../harness/topology';
import { kubeProxyNft } from '../kube-proxy-nft';
import type { NftCase } from '../types';

// Outside → NodePort 30081 of a Service without endpoints: no service-nodeports element, the
// packet stays addressed to the node → filter-input → nodeport-endpoints-check (ip daddr
// @nodeport-ips, vmap @no-endpoint-nodeports) → reject-chain.
const c: NftCase = {
  name: 'kp-nodeport-no-endpoints',
  title: 'kube-proxy nft: outside → NodePort of a Service without endpoints (no-endpoint-nodeports in filter-input)',
  topology: kubernetesNode(['web-1']),
  load: [{
    nft: kubeProxyNft([
      webService([K8S_POD_IPS['web-1']!], { nodePort: 30080 }),
      { namespace: 'default', name: 'empty', portName: 'http', protocol: 'tcp', clusterIP: '10.96.0.200', port: 80, nodePort: 30081, endpoints: [] },
    ]),
  }],
  listeners: [{ role: 'web-1', ports: ['tcp:8080'] }, { role: 'node-1', ports: ['tcp:30081'] }],
  send: { from: 'ext', proto: 'tcp', src: EXT_IP, sport: 40000, dst: NODE_IP, dport: 30081 },
  expectKernel: { outcome: 'rejected', rejectWith: 'icmp-port-unreachable' },
};
export default c;
