import { restoreInput } from '../harness/iptables';
import { EXT_IP, kubernetesNode } from '../harness/topology';
import type { KernelCase } from '../harness/types';

// Marks set in mangle PREROUTING (--set-xmark, --or-mark, --xor-mark) and matched with and
// without masks and negations in mangle FORWARD and filter FORWARD.
const c: KernelCase = {
  name: 'filter-marks',
  title: 'MARK --set-xmark/--or-mark/--xor-mark in mangle, -m mark [!] --mark value[/mask] in filter',
  topology: kubernetesNode(['web-1']),
  rules: restoreInput({
    mangle: {
      rules: [
        '-A PREROUTING -i eth0 -j MARK --set-xmark 0x10/0xff',
        '-A PREROUTING -m mark --mark 0x10/0xff -j MARK --or-mark 0x4000',
        '-A PREROUTING -m mark --mark 0x4000/0x4000 -j MARK --xor-mark 0x3',
        '-A FORWARD -m mark ! --mark 0x4000/0x4000 -j MARK --set-mark 0x1',
      ],
    },
    filter: {
      policies: { FORWARD: 'DROP' },
      rules: [
        '-A FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
        '-A FORWARD -m mark --mark 0x10 -j DROP',
        '-A FORWARD -m mark ! --mark 0x4013 -j DROP',
        '-A FORWARD -m mark --mark 0x13/0xff -j ACCEPT',
      ],
    },
  }),
  listeners: [{ role: 'web-1', ports: ['tcp:8080'] }],
  send: { from: 'ext', proto: 'tcp', src: EXT_IP, sport: 40000, dst: '10.244.1.5', dport: 8080 },
  expectKernel: { outcome: 'delivered', at: 'web-1' },
};
export default c;
