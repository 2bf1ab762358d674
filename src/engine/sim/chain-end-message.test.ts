/** The sentence for a chain the packet leaves by falling off its end. */
import { describe, expect, it } from 'vitest';
import { renderMessage } from '../explain/render';
import { buildModel } from '../model/build';
import { readScenario } from '../testing/scenario-files';
import { traceHops } from '../trace/minimal';
import { parsePacketSpec } from './packet-spec';
import { simulate } from './simulate';

describe('a chain left by its end', () => {
  const scenario = readScenario('hairpin');
  const p = scenario.packets[0]!;
  const hops = traceHops(simulate(buildModel(scenario.inputs), { from: p.from, packet: parsePacketSpec(p.packet).value!, reply: false }));

  it('says which rule matched when only a non-deciding rule did (KUBE-MARK-MASQ: MARK)', () => {
    const mark = hops.find((h) => h.place.chain === 'KUBE-MARK-MASQ')!;
    expect(mark.children.some((c) => c.kind === 'rule' && c.matched)).toBe(true);
    expect(mark.message).toEqual({ key: 'hop.chain.endAfterMatch', params: expect.objectContaining({ chain: 'KUBE-MARK-MASQ', rule: 1 }) });
    expect(renderMessage(mark.message, 'en')).toBe('PREROUTING · nat · KUBE-MARK-MASQ: rule 1 matches but does not decide (no verdict); back to the calling chain.');
  });

  it('says no rule matched when none did', () => {
    const firewall = hops.find((h) => h.place.chain === 'KUBE-PROXY-FIREWALL')!;
    expect(firewall.children.some((c) => c.kind === 'rule' && c.matched)).toBe(false);
    expect(firewall.message.key).toBe('hop.chain.end');
  });
});
