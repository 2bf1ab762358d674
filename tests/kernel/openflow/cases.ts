/**
 * OpenFlow conformance cases: a bridge, its flows, and a packet; the engine's pipeline walk must
 * equal what `ovs-appctl ofproto/trace` reports (tables and priorities visited, the output port,
 * and the listed fields of the final flow).
 */
import type { LabPort } from './ovs-lab';

export interface OpenflowCase {
  name: string;
  title: string;
  ports: LabPort[];
  flows: string;
  packet: {
    inPort: string;
    proto: 'tcp' | 'udp' | 'icmp';
    src: string;
    dst: string;
    sport?: number;
    dport?: number;
    dlSrc?: string;
    dlDst?: string;
    tunnel?: { id: number; src: string; dst: string };
  };
  /** `--ct-next` for ct(table=N): the state the connection tracker gives (`trk,new`). */
  ctNext?: 'trk,new' | 'trk,est,rpl';
  /** Final-flow fields to compare, as OVS names them. */
  fields: string[];
}

/** An OpenShift SDN node (10.0.0.4, pod subnet 10.129.0.0/23) as its br0 looks: the pipeline of pkg/network/node/ovscontroller.go. */
export const SDN_PORTS: LabPort[] = [
  { name: 'vxlan0', ofport: 1, type: 'vxlan', options: { remote_ip: 'flow', key: 'flow', dst_port: '4789' } },
  { name: 'tun0', ofport: 2, type: 'internal' },
  { name: 'veth-web', ofport: 3, type: 'dummy' },
  { name: 'veth-db', ofport: 4, type: 'dummy' },
];

export const SDN_FLOWS = `table=0,priority=250,ip,in_port=2,nw_src=10.128.0.0/14,nw_dst=224.0.0.0/4 actions=drop
table=0,priority=200,ip,in_port=1,nw_src=10.128.0.0/14 actions=move:NXM_NX_TUN_ID[0..31]->NXM_NX_REG0[],goto_table:10
table=0,priority=200,ip,in_port=1,nw_dst=10.128.0.0/14 actions=move:NXM_NX_TUN_ID[0..31]->NXM_NX_REG0[],goto_table:10
table=0,priority=200,ip,in_port=2 actions=goto_table:30
table=0,priority=150,in_port=1 actions=drop
table=0,priority=150,in_port=2 actions=drop
table=0,priority=100,ip actions=goto_table:20
table=0,priority=0 actions=drop
table=10,priority=100,tun_src=10.0.0.3 actions=goto_table:30
table=10,priority=100,tun_src=10.0.0.5 actions=goto_table:30
table=10,priority=0 actions=drop
table=20,priority=100,ip,in_port=3,nw_src=10.129.0.5 actions=load:0xb3c1a1->NXM_NX_REG0[],goto_table:21
table=20,priority=100,ip,in_port=4,nw_src=10.129.0.6 actions=load:0->NXM_NX_REG0[],goto_table:21
table=20,priority=0 actions=drop
table=21,priority=0 actions=goto_table:30
table=30,priority=300,ip,nw_dst=10.129.0.1 actions=output:2
table=30,priority=100,ip,nw_dst=172.30.0.0/16 actions=goto_table:60
table=30,priority=200,ip,nw_dst=10.129.0.0/23 actions=goto_table:70
table=30,priority=100,ip,nw_dst=10.128.0.0/14 actions=goto_table:90
table=30,priority=0,ip actions=goto_table:100
table=60,priority=200 actions=output:2
table=70,priority=100,ip,nw_dst=10.129.0.5 actions=load:0xb3c1a1->NXM_NX_REG1[],load:0x3->NXM_NX_REG2[],goto_table:80
table=70,priority=100,ip,nw_dst=10.129.0.6 actions=load:0->NXM_NX_REG1[],load:0x4->NXM_NX_REG2[],goto_table:80
table=80,priority=300,ip,nw_src=10.129.0.1 actions=output:NXM_NX_REG2[]
table=80,priority=200,reg0=0,ip actions=output:NXM_NX_REG2[]
table=80,priority=200,reg1=0,ip actions=output:NXM_NX_REG2[]
table=80,priority=100,reg0=0xb3c1a1,reg1=0xb3c1a1 actions=output:NXM_NX_REG2[]
table=80,priority=0 actions=drop
table=90,priority=100,ip,nw_dst=10.128.0.0/23 actions=move:NXM_NX_REG0[]->NXM_NX_TUN_ID[0..31],set_field:10.0.0.3->tun_dst,output:1
table=90,priority=100,ip,nw_dst=10.130.0.0/23 actions=move:NXM_NX_REG0[]->NXM_NX_TUN_ID[0..31],set_field:10.0.0.5->tun_dst,output:1
table=90,priority=0 actions=drop
table=100,priority=0 actions=goto_table:101
table=101,priority=0 actions=output:2
`;

const sdn = (name: string, title: string, packet: OpenflowCase['packet'], fields: string[] = []): OpenflowCase => ({ name, title, ports: SDN_PORTS, flows: SDN_FLOWS, packet, fields: ['reg0', ...fields] });

const PLAIN: LabPort[] = [
  { name: 'p1', ofport: 1, type: 'dummy' },
  { name: 'p2', ofport: 2, type: 'dummy' },
  { name: 'p3', ofport: 3, type: 'dummy' },
  { name: 'gnv0', ofport: 7, type: 'geneve', options: { remote_ip: '192.168.10.12', key: 'flow', csum: 'true' } },
];

export const OPENFLOW_CASES: OpenflowCase[] = [
  sdn('sdn-remote-pod', 'OpenShift SDN: a pod to a pod on another node leaves by vxlan0 with tun_dst and the VNID from reg0', { inPort: 'veth-web', proto: 'tcp', src: '10.129.0.5', dst: '10.128.0.7', sport: 40000, dport: 8080 }, ['tun_id', 'tun_dst']),
  sdn('sdn-remote-pod-other-node', 'OpenShift SDN: the other remote subnet picks the other node as tun_dst', { inPort: 'veth-db', proto: 'udp', src: '10.129.0.6', dst: '10.130.0.9', sport: 5353, dport: 53 }, ['tun_id', 'tun_dst']),
  sdn('sdn-local-pod-same-vnid', 'OpenShift SDN: a pod to a local pod of the same project: output by the port number in reg2', { inPort: 'veth-web', proto: 'tcp', src: '10.129.0.5', dst: '10.129.0.5', sport: 40000, dport: 80 }, ['reg1', 'reg2']),
  sdn('sdn-local-pod-global', 'OpenShift SDN: a pod of the global project (VNID 0) reaches any local pod', { inPort: 'veth-db', proto: 'tcp', src: '10.129.0.6', dst: '10.129.0.5', sport: 40001, dport: 80 }, ['reg1', 'reg2']),
  sdn('sdn-service', 'OpenShift SDN: a Service address goes to tun0, where the host\'s kube-proxy rules take over', { inPort: 'veth-web', proto: 'tcp', src: '10.129.0.5', dst: '172.30.0.10', sport: 40000, dport: 443 }),
  sdn('sdn-internet', 'OpenShift SDN: anything else leaves by tun0 for the host to route (and masquerade)', { inPort: 'veth-web', proto: 'tcp', src: '10.129.0.5', dst: '93.184.216.34', sport: 40000, dport: 443 }),
  sdn('sdn-spoofed-source', 'OpenShift SDN: a pod port with a source address that is not its own matches nothing in table 20: dropped', { inPort: 'veth-web', proto: 'tcp', src: '10.129.0.99', dst: '10.128.0.7', sport: 40000, dport: 8080 }),
  sdn('sdn-from-tunnel', 'OpenShift SDN: a VXLAN packet from a known node: VNID into reg0, then delivered to the local pod', { inPort: 'vxlan0', proto: 'tcp', src: '10.128.0.7', dst: '10.129.0.5', sport: 8080, dport: 40000, tunnel: { id: 0xb3c1a1, src: '10.0.0.3', dst: '10.0.0.4' } }, ['reg1', 'reg2']),
  sdn('sdn-from-unknown-node', 'OpenShift SDN: a VXLAN packet from an address that is no node: table 10 drops it', { inPort: 'vxlan0', proto: 'tcp', src: '10.128.0.7', dst: '10.129.0.5', sport: 8080, dport: 40000, tunnel: { id: 0xb3c1a1, src: '10.0.0.99', dst: '10.0.0.4' } }),
  sdn('sdn-other-project-isolated', 'OpenShift SDN: a pod of another project (other VNID) is not allowed by table 80: dropped', { inPort: 'vxlan0', proto: 'tcp', src: '10.128.0.7', dst: '10.129.0.5', sport: 8080, dport: 40000, tunnel: { id: 0x123, src: '10.0.0.3', dst: '10.0.0.4' } }, ['reg1', 'reg2']),
  {
    name: 'resubmit-returns', title: 'resubmit searches another table and comes back; the later actions still run', ports: PLAIN,
    flows: `table=0,priority=10,in_port=1,ip actions=resubmit(,5),load:0x7->NXM_NX_REG3[],resubmit(,6)
table=5,priority=10,ip actions=load:0x1->NXM_NX_REG1[]
table=6,priority=20,reg1=0x1,reg3=0x7 actions=output:3
table=6,priority=10 actions=output:2
`,
    packet: { inPort: 'p1', proto: 'tcp', src: '10.0.0.1', dst: '10.0.0.2', sport: 1000, dport: 80 },
    fields: ['reg1', 'reg3'],
  },
  {
    name: 'masks-and-priorities', title: 'masked registers, prefixes and MAC masks; the highest priority that matches wins', ports: PLAIN,
    flows: `table=0,priority=100,ip,nw_dst=10.1.0.0/16,reg0=0x0/0x1 actions=load:0x5->NXM_NX_REG0[4..7],resubmit(,1)
table=0,priority=200,ip,nw_dst=10.1.2.0/24,dl_dst=01:00:00:00:00:00/01:00:00:00:00:00 actions=output:2
table=0,priority=50,ip actions=output:1
table=1,priority=300,reg0=0x50/0xf0,tcp,tp_dst=443 actions=output:3
table=1,priority=100,reg0=0x50 actions=output:2
`,
    packet: { inPort: 'p1', proto: 'tcp', src: '10.0.0.1', dst: '10.1.2.3', sport: 1000, dport: 443, dlSrc: '0a:58:0a:00:00:01', dlDst: '0a:58:0a:01:02:03' },
    fields: ['reg0'],
  },
  {
    name: 'table-miss', title: 'a table with no matching flow drops the packet (OpenFlow 1.3 table miss)', ports: PLAIN,
    flows: `table=0,priority=10,ip actions=goto_table:4
table=4,priority=10,udp actions=output:2
`,
    packet: { inPort: 'p1', proto: 'tcp', src: '10.0.0.1', dst: '10.0.0.2', sport: 1000, dport: 80 },
    fields: [],
  },
  {
    name: 'conjunction', title: 'a conjunctive match (conj_id) holds only when every clause matches', ports: PLAIN,
    flows: `table=0,priority=100,ip,nw_src=10.0.0.1 actions=conjunction(9,1/2)
table=0,priority=100,ip,nw_src=10.0.0.2 actions=conjunction(9,1/2)
table=0,priority=100,tcp,tp_dst=80 actions=conjunction(9,2/2)
table=0,priority=100,conj_id=9,ip actions=output:3
table=0,priority=10,ip actions=output:2
`,
    packet: { inPort: 'p1', proto: 'tcp', src: '10.0.0.2', dst: '10.0.0.9', sport: 1000, dport: 80 },
    fields: [],
  },
  {
    name: 'conjunction-missing-clause', title: 'the same conjunction with one clause not matching falls to the lower flow', ports: PLAIN,
    flows: `table=0,priority=100,ip,nw_src=10.0.0.1 actions=conjunction(9,1/2)
table=0,priority=100,tcp,tp_dst=80 actions=conjunction(9,2/2)
table=0,priority=100,conj_id=9,ip actions=output:3
table=0,priority=10,ip actions=output:2
`,
    packet: { inPort: 'p1', proto: 'tcp', src: '10.0.0.2', dst: '10.0.0.9', sport: 1000, dport: 80 },
    fields: [],
  },
  {
    name: 'ct-new', title: 'ct(table=N): a new connection continues in table N with ct_state +trk+new', ports: PLAIN,
    flows: `table=0,priority=10,ip actions=ct(table=3,zone=5)
table=3,priority=20,ct_state=+trk+est,ip actions=output:2
table=3,priority=10,ct_state=+trk+new,ip actions=ct(commit,zone=5),output:3
`,
    packet: { inPort: 'p1', proto: 'tcp', src: '10.0.0.1', dst: '10.0.0.2', sport: 1000, dport: 80 },
    ctNext: 'trk,new',
    fields: [],
  },
  {
    name: 'ct-reply', title: 'ct(table=N): a reply continues with ct_state +trk+est+rpl', ports: PLAIN,
    flows: `table=0,priority=10,ip actions=ct(table=3,zone=5)
table=3,priority=20,ct_state=+trk+est,ip actions=output:2
table=3,priority=10,ct_state=+trk+new,ip actions=ct(commit,zone=5),output:3
`,
    packet: { inPort: 'p1', proto: 'tcp', src: '10.0.0.2', dst: '10.0.0.1', sport: 80, dport: 1000 },
    ctNext: 'trk,est,rpl',
    fields: [],
  },
  {
    name: 'rewrite-and-tunnel', title: 'set_field rewrites MACs, dec_ttl, and the tunnel key goes out of a geneve port with a fixed remote', ports: PLAIN,
    flows: `table=0,priority=10,ip,in_port=1 actions=set_field:0a:58:0a:f4:01:01->eth_src,mod_dl_dst:0a:58:0a:f4:01:07,dec_ttl,set_field:0x3->tun_id,output:7
`,
    packet: { inPort: 'p1', proto: 'tcp', src: '10.244.0.5', dst: '10.244.1.7', sport: 1000, dport: 80, dlSrc: '0a:58:0a:f4:00:05', dlDst: '0a:58:0a:f4:00:01' },
    fields: ['dl_src', 'dl_dst', 'tun_id'],
  },
  {
    name: 'resubmit-in-port', title: 'resubmit(port,table) searches as if the frame came in on another port, then restores in_port', ports: PLAIN,
    flows: `table=0,priority=10,in_port=1,ip actions=resubmit(2,1),output:IN_PORT
table=1,priority=10,in_port=2,ip actions=load:0x9->NXM_NX_REG5[]
table=1,priority=5,ip actions=load:0x1->NXM_NX_REG5[]
`,
    packet: { inPort: 'p1', proto: 'tcp', src: '10.0.0.1', dst: '10.0.0.2', sport: 1000, dport: 80 },
    fields: ['reg5'],
  },
];
