/**
 * OpenFlow conformance: the engine's walk through an OVS bridge's flow tables against Open vSwitch
 * itself (`ovs-appctl ofproto/trace` on a private userspace switch). The engine reads the same
 * dumps a user would paste: `ovs-vsctl show`, `ovs-ofctl show BR`, `ovs-ofctl dump-flows BR`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../src/engine/index';
import { fieldDef, formatField } from '../../src/engine/sim/openflow/fields';
import { runPipeline } from '../../src/engine/sim/openflow/pipeline';
import { bridgePorts } from '../../src/engine/sim/openflow/ports';
import { CT_STATE_BITS } from '../../src/engine/sim/openflow/fields';
import type { Packet } from '../../src/engine/trace/packet';
import { OPENFLOW_CASES, type OpenflowCase } from './openflow/cases';
import { ofprotoTrace, ovsProblem, setupBridge, startOvs, type OvsLab } from './openflow/ovs-lab';
import { checkKernelEnv } from './harness/env';

const BRIDGE = 'br0';
const env = checkKernelEnv();
const problem = env.ok ? ovsProblem() : env.reason;

/** A field as OVS prints it in "Final flow": addresses dotted, ports and TTL decimal, the rest hex. */
function ovsText(name: string, value: bigint | undefined): string {
  const def = fieldDef(name)!;
  const v = value ?? 0n;
  if (def.kind !== 'int') return formatField(def, v);
  if (['tp_src', 'tp_dst', 'nw_ttl', 'nw_proto', 'in_port'].includes(name)) return String(v);
  return `0x${v.toString(16)}`;
}

function ovsFlowSpec(c: OpenflowCase, inPort: number): string {
  const p = c.packet;
  const parts = [`in_port=${inPort}`, p.proto, `nw_src=${p.src}`, `nw_dst=${p.dst}`, 'nw_ttl=64'];
  if (p.proto !== 'icmp') parts.push(`${p.proto}_src=${p.sport ?? 0}`, `${p.proto}_dst=${p.dport ?? 0}`);
  if (p.dlSrc) parts.push(`dl_src=${p.dlSrc}`);
  if (p.dlDst) parts.push(`dl_dst=${p.dlDst}`);
  if (p.tunnel) parts.push(`tun_id=0x${p.tunnel.id.toString(16)}`, `tun_src=${p.tunnel.src}`, `tun_dst=${p.tunnel.dst}`);
  return parts.join(',');
}

function enginePacket(c: OpenflowCase): Packet {
  const p = c.packet;
  const proto = { tcp: 6, udp: 17, icmp: 1 }[p.proto];
  return {
    eth: { src: p.dlSrc ?? '00:00:00:00:00:00', dst: p.dlDst ?? '00:00:00:00:00:00' },
    ip: { src: p.src, dst: p.dst, proto, ttl: 64 },
    l4: p.proto === 'icmp' ? null : { sport: p.sport ?? 0, dport: p.dport ?? 0 },
    meta: { mark: 0, ctmark: 0, ctstate: 'NONE', ctdir: 'ORIGINAL', ctnat: [] },
    length: 60,
  };
}

if (problem !== null) {
  describe('OpenFlow pipeline against ovs-vswitchd', () => {
    it('cannot run on this machine', () => {
      const banner = `\n${'!'.repeat(78)}\nOPENFLOW SUITE SKIPPED: ${problem}\n${'!'.repeat(78)}\n`;
      process.stderr.write(banner);
      console.warn(banner);
    });
  });
} else describe('OpenFlow pipeline against ovs-vswitchd (ofproto/trace)', () => {
  let lab: OvsLab;
  beforeAll(() => {
    lab = startOvs();
  });
  afterAll(() => lab?.stop());

  it.each(OPENFLOW_CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const dumps = setupBridge(lab, BRIDGE, c.ports, c.flows);
    const model = buildModel([
      { name: 'ovs-vsctl-show.txt', text: dumps.vsctlShow, node: 'ovs-node' },
      { name: 'ovs-ofctl-show.txt', text: dumps.ofctlShow, node: 'ovs-node' },
      { name: 'dump-flows.txt', text: dumps.dumpFlows, node: 'ovs-node' },
    ]);
    expect(model.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const ovs = [...model.netns.values()][0]!.ovs!;
    const bridge = ovs.config!.bridges.find((b) => b.name === BRIDGE)!;
    const ports = bridgePorts(bridge, ovs.ofports);
    const inPort = ports.number(c.packet.inPort)!;
    const ct = c.ctNext === 'trk,new' ? CT_STATE_BITS.new! : c.ctNext ? CT_STATE_BITS.est! | CT_STATE_BITS.rpl! : 0n;
    const input = { bridge, flows: ovs.flows.filter((f) => f.bridge === BRIDGE), ports, inPort, packet: enginePacket(c), ctState: ct };
    const engine = runPipeline(c.packet.tunnel ? { ...input, tunnel: { id: BigInt(c.packet.tunnel.id), src: c.packet.tunnel.src, dst: c.packet.tunnel.dst } } : input);
    const kernel = ofprotoTrace(lab, BRIDGE, ovsFlowSpec(c, inPort), c.ctNext);

    const engineTables = engine.steps.map((s) => ({ table: s.table, priority: s.flow?.priority ?? null }));
    expect(engineTables, kernel.text).toEqual(kernel.tables);
    const engineOutput = engine.outcome.kind === 'output' ? engine.outcome.number : null;
    expect(engineOutput, kernel.text).toEqual(kernel.output);
    for (const field of c.fields) {
      const def = fieldDef(field)!;
      const engineValue = ovsText(field, engine.fields.get(def.name));
      const kernelValue = kernel.final[field] ?? '0';
      // Integers compare by value (OVS prints `0` in one place and `0x0` in another).
      if (def.kind === 'int') expect(`${field}=${BigInt(engineValue)}`, kernel.text).toEqual(`${field}=${BigInt(kernelValue)}`);
      else expect(`${field}=${engineValue}`, kernel.text).toEqual(`${field}=${kernelValue}`);
    }
  });
});
