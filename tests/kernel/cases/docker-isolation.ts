import { DOCKER0, dockerRules } from '../harness/docker';
import { DOCKER_BRIDGE2, dockerHost } from '../harness/topology';
import type { KernelCase } from '../harness/types';

// Two Docker networks are isolated: container c1 (docker0) → c3 (user bridge) is dropped by
// DOCKER-ISOLATION-STAGE-1 (`-i docker0 ! -o docker0`) → STAGE-2 (`-o br-... -j DROP`).
const c: KernelCase = {
  name: 'docker-isolation',
  title: 'container on docker0 → container on another bridge: DOCKER-ISOLATION-STAGE-1/2 DROP',
  topology: dockerHost(['c1', 'c3']),
  rules: dockerRules([DOCKER0, { bridge: DOCKER_BRIDGE2, subnet: '172.18.0.0/16' }]),
  listeners: [{ role: 'c3', ports: ['tcp:80'] }],
  send: { from: 'c1', proto: 'tcp', src: '172.17.0.2', sport: 40000, dst: '172.18.0.2', dport: 80 },
  expectKernel: { outcome: 'dropped' },
};
export default c;
