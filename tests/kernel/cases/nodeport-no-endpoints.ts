import { kubeProxyRules, webService } from '../harness/kube-proxy';
import { EXT_IP, K8S_POD_IPS, kubernetesNode, NODE_IP } from '../harness/topology';
import type { KernelCase } from '../harness/types';

// A NodePort Service without endpoints: filter INPUT → KUBE-EXTERNAL-SERVICES (addrtype LOCAL)
// rejects with icmp-port-unreachable; the outside client sees the ICMP error.
const c: KernelCase = {
  name: 'nodeport-no-endpoints',
  title: 'outside → NodePort of a Service without endpoints: KUBE-EXTERNAL-SERVICES REJECT',
  topology: kubernetesNode(['web-1']),
  rules: kubeProxyRules([
    webService([K8S_POD_IPS['web-1']!], { nodePort: 30080 }),
    { namespace: 'default', name: 'empty', portName: 'http', protocol: 'tcp', clusterIP: '10.96.0.200', port: 80, nodePort: 30090, endpoints: [] },
  ]),
  listeners: [{ role: 'node-1', ports: ['tcp:30090'] }],
  send: { from: 'ext', proto: 'tcp', src: EXT_IP, sport: 40000, dst: NODE_IP, dport: 30090 },
  expectKernel: { outcome: 'rejected', rejectWith: 'icmp-port-unreachable' },
};
export default c;
