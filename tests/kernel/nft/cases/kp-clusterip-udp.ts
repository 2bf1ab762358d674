import { K8S_POD_IPS, kubernetesNode } from '../../harness/topology';
import { kubeProxyNft } from '../kube-proxy-nft';
import type { NftCase } from '../types';

// A kube-dns style UDP Service (10.96.0.10:53 → two endpoints on 5353): `meta l4proto udp
// dnat`, the `udp dport` match in the service chain; datagrams until both endpoints answered.
const c: NftCase = {
  name: 'kp-clusterip-udp',
  title: 'kube-proxy nft: pod → UDP ClusterIP 10.96.0.10:53 with two endpoints',
  topology: kubernetesNode(['client', 'web-1', 'web-2']),
  load: [{
    nft: kubeProxyNft([{
      namespace: 'kube-system', name: 'kube-dns', portName: 'dns', protocol: 'udp', clusterIP: '10.96.0.10', port: 53,
      endpoints: [{ ip: K8S_POD_IPS['web-1']!, port: 5353 }, { ip: K8S_POD_IPS['web-2']!, port: 5353 }],
    }]),
  }],
  listeners: [{ role: 'web-1', ports: ['udp:5353'] }, { role: 'web-2', ports: ['udp:5353'] }],
  send: { from: 'client', proto: 'udp', src: '10.244.1.2', sport: 40000, dst: '10.96.0.10', dport: 53 },
  every: { need: 2, max: 30 },
  expectKernel: { outcome: 'delivered' },
};
export default c;
