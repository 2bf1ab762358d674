import { webService } from '../../harness/kube-proxy';
import { K8S_POD_IPS, kubernetesNode } from '../../harness/topology';
import { flannelNft, kubeProxyNft } from '../kube-proxy-nft';
import type { NftCase } from '../types';

// A real nftables-mode node: kube-proxy's table and flanneld's (nftables mode) table, loaded in
// that order. Both have a nat postrouting chain at priority srcnat (100): at equal priority the
// kernel runs the chain registered LAST first (nf_hook_entries_grow inserts a new hook before
// the existing ones of the same priority), i.e. flannel's postrtg before kube-proxy's
// nat-postrouting, although `nft list ruleset` prints kube-proxy's table first.
const c: NftCase = {
  name: 'kp-flannel-same-priority',
  title: 'kube-proxy + flannel nft tables: two nat postrouting chains at srcnat, the later-loaded one runs first',
  topology: kubernetesNode(['client', 'web-1']),
  load: [{ nft: kubeProxyNft([webService([K8S_POD_IPS['web-1']!])]) }, { nft: flannelNft() }],
  listeners: [{ role: 'web-1', ports: ['tcp:8080'] }],
  send: { from: 'client', proto: 'tcp', src: '10.244.1.2', sport: 40000, dst: '10.96.0.100', dport: 80 },
  expectKernel: { outcome: 'delivered', at: 'web-1' },
};
export default c;
