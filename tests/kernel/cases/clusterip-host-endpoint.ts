import { kubeProxyRules, webService } from '../harness/kube-proxy';
import { K8S_POD_IPS, kubernetesNode, NODE_IP } from '../harness/topology';
import type { KernelCase } from '../harness/types';

// A Service whose endpoint is the node itself (a hostNetwork apiserver, like default/kubernetes):
// the pod's packet is DNATed to 192.168.56.11:6443 in PREROUTING and delivered locally (INPUT).
const c: KernelCase = {
  name: 'clusterip-host-endpoint',
  title: 'pod → ClusterIP 10.96.0.1:443 whose endpoint is the node (hostNetwork): DNAT then INPUT',
  topology: kubernetesNode(['client', 'web-1']),
  rules: kubeProxyRules([
    { namespace: 'default', name: 'kubernetes', portName: 'https', protocol: 'tcp', clusterIP: '10.96.0.1', port: 443, endpoints: [{ ip: NODE_IP, port: 6443 }] },
    webService([K8S_POD_IPS['web-1']!]),
  ]),
  listeners: [{ role: 'node-1', ports: ['tcp:6443'] }],
  send: { from: 'client', proto: 'tcp', src: K8S_POD_IPS.client!, sport: 40000, dst: '10.96.0.1', dport: 443 },
  expectKernel: { outcome: 'delivered', at: 'node-1' },
};
export default c;
