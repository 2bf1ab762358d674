import { kubeProxyRules } from '../harness/kube-proxy';
import { K8S_POD_IPS, kubernetesNode } from '../harness/topology';
import type { KernelCase } from '../harness/types';

// A UDP Service (DNS-like): -m udp -p udp matches, DNAT of a datagram, no TCP handshake.
const c: KernelCase = {
  name: 'clusterip-udp',
  title: 'pod → UDP ClusterIP 10.96.0.10:53 with two endpoints (kube-dns style)',
  topology: kubernetesNode(['client', 'web-1', 'web-2']),
  rules: kubeProxyRules([{
    namespace: 'kube-system', name: 'kube-dns', portName: 'dns', protocol: 'udp', clusterIP: '10.96.0.10', port: 53,
    endpoints: [{ ip: K8S_POD_IPS['web-1']!, port: 53 }, { ip: K8S_POD_IPS['web-2']!, port: 53 }],
  }]),
  listeners: [{ role: 'web-1', ports: ['udp:53'] }, { role: 'web-2', ports: ['udp:53'] }],
  send: { from: 'client', proto: 'udp', src: '10.244.1.2', sport: 40053, dst: '10.96.0.10', dport: 53 },
  expectKernel: { outcome: 'delivered' },
};
export default c;
