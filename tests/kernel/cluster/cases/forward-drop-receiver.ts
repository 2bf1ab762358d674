import type { ClusterCase } from '../types';

const RULE = '-d 10.244.2.7/32 -p tcp -m tcp --dport 8080 -m comment --comment "kernel suite: no api-1:8080" -j DROP';

const c: ClusterCase = {
  name: 'forward-drop-receiver',
  title: 'pod on node-1 → pod on node-2 with a filter FORWARD DROP (first rule) on node-2: decapsulated, then dropped',
  send: { from: 'client', proto: 'tcp', src: '10.244.1.2', sport: 41091, dst: '10.244.2.7', dport: 8080 },
  setup: [`hkc_in node-2 iptables -I FORWARD 1 ${RULE}`],
  restore: [`hkc_in node-2 iptables -D FORWARD ${RULE}`],
  expectKernel: { outcome: 'dropped' },
};
export default c;
