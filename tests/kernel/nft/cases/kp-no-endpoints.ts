import { webService } from '../../harness/kube-proxy';
import { K8S_POD_IPS, kubernetesNode } from '../../harness/topology';
import { kubeProxyNft } from '../kube-proxy-nft';
import type { NftCase } from '../types';

// A Service without endpoints (default/empty 10.96.0.200:80): no service-ips element, so no
// DNAT; filter-forward → service-endpoints-check → vmap @no-endpoint-services → goto
// reject-chain → reject (ICMP port unreachable). The web Service is there as well.
const c: NftCase = {
  name: 'kp-no-endpoints',
  title: 'kube-proxy nft: pod → ClusterIP of a Service without endpoints (no-endpoint-services → reject-chain)',
  topology: kubernetesNode(['client', 'web-1']),
  load: [{
    nft: kubeProxyNft([
      webService([K8S_POD_IPS['web-1']!]),
      { namespace: 'default', name: 'empty', portName: 'http', protocol: 'tcp', clusterIP: '10.96.0.200', port: 80, endpoints: [] },
    ]),
  }],
  listeners: [{ role: 'web-1', ports: ['tcp:8080', 'tcp:80'] }],
  send: { from: 'client', proto: 'tcp', src: '10.244.1.2', sport: 40000, dst: '10.96.0.200', dport: 80 },
  expectKernel: { outcome: 'rejected', rejectWith: 'icmp-port-unreachable' },
};
export default c;
