import { kubeProxyRules, webService } from '../harness/kube-proxy';
import { K8S_POD_IPS, kubernetesNode } from '../harness/topology';
import type { KernelCase } from '../harness/types';

// A Service without endpoints: kube-proxy's filter KUBE-SERVICES rule rejects with
// icmp-port-unreachable (reached from FORWARD for a pod's packet). The client sees the ICMP error.
const c: KernelCase = {
  name: 'clusterip-no-endpoints',
  title: 'pod → ClusterIP of a Service without endpoints: filter REJECT icmp-port-unreachable',
  topology: kubernetesNode(['client', 'web-1']),
  rules: kubeProxyRules([
    webService([K8S_POD_IPS['web-1']!]),
    { namespace: 'default', name: 'empty', portName: 'http', protocol: 'tcp', clusterIP: '10.96.0.200', port: 80, endpoints: [] },
  ]),
  listeners: [{ role: 'web-1', ports: ['tcp:8080', 'tcp:80'] }],
  send: { from: 'client', proto: 'tcp', src: '10.244.1.2', sport: 40000, dst: '10.96.0.200', dport: 80 },
  expectKernel: { outcome: 'rejected', rejectWith: 'icmp-port-unreachable' },
};
export default c;
