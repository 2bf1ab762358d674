import { DOCKER0, dockerRules } from '../harness/docker';
import { dockerHost, NODE_IP } from '../harness/topology';
import type { KernelCase } from '../harness/types';

// The Docker host itself connects to its own published port: nat OUTPUT
// `! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER` → DNAT, rerouted to docker0.
const c: KernelCase = {
  name: 'docker-host-to-published-port',
  title: 'the Docker host → its own address:8080: nat OUTPUT → DOCKER DNAT → container, no SNAT',
  topology: dockerHost(['c1']),
  rules: dockerRules([DOCKER0], [{ hostPort: 8080, container: '172.17.0.2', containerPort: 80, bridge: 'docker0' }]),
  listeners: [{ role: 'c1', ports: ['tcp:80'] }, { role: 'node-1', ports: ['tcp:8080'] }],
  send: { from: 'node-1', proto: 'tcp', src: NODE_IP, sport: 40000, dst: NODE_IP, dport: 8080 },
  expectKernel: { outcome: 'delivered', at: 'c1' },
};
export default c;
