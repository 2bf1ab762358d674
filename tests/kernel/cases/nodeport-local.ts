import { kubeProxyRules, webService } from '../harness/kube-proxy';
import { EXT_IP, K8S_POD_IPS, kubernetesNode, NODE_IP } from '../harness/topology';
import type { KernelCase } from '../harness/types';

// NodePort, externalTrafficPolicy Local: KUBE-EXT → KUBE-SVL (local endpoints only; the remote
// endpoint 10.244.2.7 is only in KUBE-SVC), no KUBE-MARK-MASQ: the pod sees the client's address.
const c: KernelCase = {
  name: 'nodeport-local',
  title: 'outside → NodePort 30080 (externalTrafficPolicy Local): KUBE-SVL, client address preserved',
  topology: kubernetesNode(['web-1']),
  rules: kubeProxyRules([{
    ...webService([K8S_POD_IPS['web-1']!], { nodePort: 30080, externalTrafficPolicy: 'Local' }),
    endpoints: [{ ip: K8S_POD_IPS['web-1']!, port: 8080 }, { ip: '10.244.2.7', port: 8080, local: false }],
  }]),
  listeners: [{ role: 'web-1', ports: ['tcp:8080'] }],
  send: { from: 'ext', proto: 'tcp', src: EXT_IP, sport: 40000, dst: NODE_IP, dport: 30080 },
  expectKernel: { outcome: 'delivered', at: 'web-1' },
};
export default c;
