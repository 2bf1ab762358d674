import { DOCKER0, dockerRules } from '../harness/docker';
import { dockerHost, EXT_IP, NODE_IP } from '../harness/topology';
import type { KernelCase } from '../harness/types';

// Docker `-p 8080:80`: from outside, nat PREROUTING (addrtype LOCAL) → DOCKER DNAT to the
// container; filter FORWARD → DOCKER-USER, DOCKER-ISOLATION-STAGE-1, `-o docker0 -j DOCKER` →
// the published port's ACCEPT. No SNAT: the container sees the client. Also run via the CLI.
const c: KernelCase = {
  name: 'docker-published-port',
  title: 'outside → Docker published port 8080 → container 172.17.0.2:80 (DNAT, FORWARD policy DROP) (also via the CLI)',
  topology: dockerHost(['c1', 'c2']),
  rules: dockerRules([DOCKER0], [{ hostPort: 8080, container: '172.17.0.2', containerPort: 80, bridge: 'docker0' }]),
  listeners: [{ role: 'c1', ports: ['tcp:80'] }, { role: 'c2', ports: ['tcp:80'] }],
  send: { from: 'ext', proto: 'tcp', src: EXT_IP, sport: 40000, dst: NODE_IP, dport: 8080 },
  expectKernel: { outcome: 'delivered', at: 'c1' },
  cli: true,
};
export default c;
