import { DOCKER0, dockerRules } from '../harness/docker';
import { dockerHost, EXT_IP } from '../harness/topology';
import type { KernelCase } from '../harness/types';

// A container opens a connection to the outside: FORWARD `-i docker0 ! -o docker0 -j ACCEPT`,
// POSTROUTING `-s 172.17.0.0/16 ! -o docker0 -j MASQUERADE` (no --random-fully: the source
// port is kept, and compared).
const c: KernelCase = {
  name: 'docker-container-to-outside',
  title: 'container → outside host: MASQUERADE to the host address, source port kept',
  topology: dockerHost(['c1']),
  rules: dockerRules([DOCKER0], [{ hostPort: 8080, container: '172.17.0.2', containerPort: 80, bridge: 'docker0' }]),
  listeners: [{ role: 'ext', ports: ['tcp:9000'] }],
  send: { from: 'c1', proto: 'tcp', src: '172.17.0.2', sport: 40000, dst: EXT_IP, dport: 9000 },
  expectKernel: { outcome: 'delivered', at: 'ext' },
};
export default c;
