import { DOCKER0, dockerRules } from '../harness/docker';
import { DOCKER_BRIDGE2, dockerHost } from '../harness/topology';
import type { KernelCase } from '../harness/types';

// Two containers on docker0 (inter-container communication on): the frame is bridged, and with
// bridge-nf-call-iptables=1 FORWARD sees iif = oif = docker0 and accepts it with
// `-i docker0 -o docker0 -j ACCEPT`, after passing the isolation chains.
const c: KernelCase = {
  name: 'docker-same-bridge',
  title: 'container → container on docker0 (bridged through FORWARD: -i docker0 -o docker0 ACCEPT)',
  topology: dockerHost(['c1', 'c2', 'c3']),
  rules: dockerRules([DOCKER0, { bridge: DOCKER_BRIDGE2, subnet: '172.18.0.0/16' }]),
  listeners: [{ role: 'c2', ports: ['tcp:80'] }],
  send: { from: 'c1', proto: 'tcp', src: '172.17.0.2', sport: 40000, dst: '172.17.0.3', dport: 80 },
  expectKernel: { outcome: 'delivered', at: 'c2' },
};
export default c;
