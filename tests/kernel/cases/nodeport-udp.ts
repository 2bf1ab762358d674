import { kubeProxyRules } from '../harness/kube-proxy';
import { EXT_IP, K8S_POD_IPS, kubernetesNode, NODE_IP } from '../harness/topology';
import type { KernelCase } from '../harness/types';

// A UDP NodePort from outside (Cluster policy): DNAT and MASQUERADE of a datagram.
const c: KernelCase = {
  name: 'nodeport-udp',
  title: 'outside → UDP NodePort 30053 (Cluster policy): DNAT + MASQUERADE of a datagram',
  topology: kubernetesNode(['web-1']),
  rules: kubeProxyRules([{
    namespace: 'default', name: 'syslog', portName: 'udp', protocol: 'udp', clusterIP: '10.96.0.53', port: 514, nodePort: 30053,
    endpoints: [{ ip: K8S_POD_IPS['web-1']!, port: 5514 }],
  }]),
  listeners: [{ role: 'web-1', ports: ['udp:5514'] }],
  send: { from: 'ext', proto: 'udp', src: EXT_IP, sport: 40053, dst: NODE_IP, dport: 30053 },
  expectKernel: { outcome: 'delivered', at: 'web-1' },
};
export default c;
