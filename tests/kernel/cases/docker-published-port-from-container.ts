import { DOCKER0, dockerRules } from '../harness/docker';
import { dockerHost, NODE_IP } from '../harness/topology';
import type { KernelCase } from '../harness/types';

// A container reaches a published port on the host address: `-A DOCKER -i docker0 -j RETURN`
// means no DNAT for traffic from docker0; the host itself answers (where docker-proxy listens).
const c: KernelCase = {
  name: 'docker-published-port-from-container',
  title: 'container → host:8080 (published port): DOCKER -i docker0 RETURN, delivered to the host (docker-proxy)',
  topology: dockerHost(['c1', 'c2']),
  rules: dockerRules([DOCKER0], [{ hostPort: 8080, container: '172.17.0.2', containerPort: 80, bridge: 'docker0' }]),
  listeners: [{ role: 'node-1', ports: ['tcp:8080'] }, { role: 'c1', ports: ['tcp:80'] }],
  send: { from: 'c2', proto: 'tcp', src: '172.17.0.3', sport: 40000, dst: NODE_IP, dport: 8080 },
  expectKernel: { outcome: 'delivered', at: 'node-1' },
};
export default c;
