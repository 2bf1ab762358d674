/**
 * Pipeline semantics that need no switch to check (the conformance suite, tests/kernel/openflow.test.ts,
 * compares the rest with ovs-vswitchd's ofproto/trace).
 */
import { describe, expect, it } from 'vitest';
import { parseOvsFlows } from '../../formats/ovs/dump-flows';
import { parseOvsVsctlShow } from '../../formats/ovs/vsctl-show';
import type { Packet } from '../../trace/packet';
import { MAX_RESUBMIT_DEPTH, runPipeline } from './pipeline';
import { bridgePorts } from './ports';

const SHOW = `0b0e2a8e-7b1a-4bd6-a0c5-7a4d8e0f9a11
    Bridge br0
        fail_mode: secure
        Port vxlan0
            Interface vxlan0
                type: vxlan
                options: {dst_port="4789", key=flow, remote_ip=flow}
        Port tun0
            Interface tun0
                type: internal
        Port veth1
            Interface veth1
`;
const PACKET: Packet = {
  eth: { src: '0a:58:0a:81:00:05', dst: '0a:58:0a:81:00:01' },
  ip: { src: '10.129.0.5', dst: '10.128.2.151', proto: 6, ttl: 64 },
  l4: { sport: 40000, dport: 8080 },
  meta: { mark: 0, ctmark: 0, ctstate: 'NONE', ctdir: 'ORIGINAL', ctnat: [] },
  length: 60,
};

function run(flowText: string, inPort = 'veth1') {
  const bridge = parseOvsVsctlShow(SHOW, 'show').value.bridges[0]!;
  const ports = bridgePorts(bridge, [{ bridge: 'br0', ports: [{ number: 1, name: 'vxlan0', span: { file: 's', line: 1, column: 1 } }, { number: 2, name: 'tun0', span: { file: 's', line: 2, column: 1 } }, { number: 3, name: 'veth1', span: { file: 's', line: 3, column: 1 } }] }]);
  const flows = parseOvsFlows(flowText, 'flows').value;
  return runPipeline({ bridge, flows, ports, inPort: ports.number(inPort)!, packet: PACKET, ctState: 0n });
}

describe('OpenFlow pipeline', () => {
  it('follows the tables and sets the tunnel destination and key for a remote_ip=flow port', () => {
    const r = run('table=0,priority=100,ip,in_port=3 actions=load:0xb3c1a1->NXM_NX_REG0[],goto_table:90\ntable=90,priority=100,ip,nw_dst=10.128.2.0/23 actions=move:NXM_NX_REG0[]->NXM_NX_TUN_ID[0..31],set_field:10.0.0.5->tun_dst,output:1\n');
    expect(r.steps.map((s) => s.table)).toEqual([0, 90]);
    expect(r.outcome).toEqual({ kind: 'output', port: 'vxlan0', number: 1 });
    expect(r.fields.get('tun_id')).toBe(0xb3c1a1n);
    expect(r.fields.get('tun_dst')).toBe(0x0a000005n);
  });

  it('changing a flow changes the path: the same packet to another table, another port', () => {
    const r = run('table=0,priority=100,ip,in_port=3 actions=goto_table:60\ntable=60,priority=0 actions=output:2\n');
    expect(r.outcome).toEqual({ kind: 'output', port: 'tun0', number: 2 });
  });

  it('drops on a table miss and on an explicit drop, and never sends a frame back where it came from', () => {
    expect(run('table=0,priority=100,udp actions=output:2\n').outcome).toEqual({ kind: 'drop', why: 'miss' });
    expect(run('table=0,priority=100,ip actions=drop\n').outcome).toEqual({ kind: 'drop', why: 'action' });
    expect(run('table=0,priority=100,ip actions=output:3\n').outcome).toEqual({ kind: 'drop', why: 'no-output' });
    expect(run('table=0,priority=100,ip actions=output:IN_PORT\n').outcome).toEqual({ kind: 'output', port: 'veth1', number: 3 });
  });

  it('reports what it cannot simulate instead of guessing', () => {
    const r = run('table=0,priority=100,ip,recirc_id=0x5 actions=learn(table=5,NXM_OF_ETH_DST[]),group:3\n');
    expect(r.steps[0]!.notSimulated).toEqual(['recirc_id=0x5']);
    expect(r.steps[0]!.skipped).toEqual(['learn(table=5,NXM_OF_ETH_DST[])', 'group:3']);
    expect(r.outcome).toEqual({ kind: 'unsupported', action: 'group:3' });
  });

  it('ends a resubmit loop at the switch\'s own depth limit', () => {
    const r = run('table=0,priority=100 actions=resubmit(,1)\ntable=1,priority=100 actions=resubmit(,0)\n');
    expect(r.outcome).toEqual({ kind: 'loop' });
    expect(r.steps.length).toBe(MAX_RESUBMIT_DEPTH + 1);
  });
});
