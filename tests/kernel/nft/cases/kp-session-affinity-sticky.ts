import { webService } from '../../harness/kube-proxy';
import { K8S_POD_IPS, kubernetesNode } from '../../harness/topology';
import { kubeProxyNft } from '../kube-proxy-nft';
import type { NftCase } from '../types';

// sessionAffinity ClientIP, second connection: an untraced first connection has put the
// client into one endpoint's affinity set; `nft list ruleset` is taken after it (the element
// shows with `timeout 3h expires ...`), and the traced connection must follow
// `ip saddr @affinity-... goto endpoint-...` to the same endpoint, without numgen.
const c: NftCase = {
  name: 'kp-session-affinity-sticky',
  title: 'kube-proxy nft: sessionAffinity ClientIP, second connection (affinity set element in the dump)',
  topology: kubernetesNode(['client', 'web-1', 'web-2']),
  load: [{ nft: kubeProxyNft([webService([K8S_POD_IPS['web-1']!, K8S_POD_IPS['web-2']!], { affinitySeconds: 10800 })]) }],
  listeners: [{ role: 'web-1', ports: ['tcp:8080'] }, { role: 'web-2', ports: ['tcp:8080'] }],
  warmup: [{ from: 'client', proto: 'tcp', src: '10.244.1.2', sport: 39000, dst: '10.96.0.100', dport: 80 }],
  send: { from: 'client', proto: 'tcp', src: '10.244.1.2', sport: 40000, dst: '10.96.0.100', dport: 80 },
  expectKernel: { outcome: 'delivered' },
};
export default c;
