import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../detect';
import { OFPP_LOCAL, parseOvsOfctlShow } from './ofctl-show';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('ovs-ofctl show', () => {
  it('reads the port numbers OVS 3.1 printed (OpenFlow 1.0 and 1.3), and the bridge from LOCAL', () => {
    for (const name of ['ofctl-show-br0.txt', 'ofctl-show-of13.txt']) {
      const { value, diagnostics } = parseOvsOfctlShow(fixture(name), name);
      expect(diagnostics, name).toEqual([]);
      expect(value.bridge, name).toBe('br0');
      expect(value.ports.map((p) => `${p.number}:${p.name}`), name).toEqual(['1:vxlan0', '2:tun0', '3:veth1', `${OFPP_LOCAL}:br0`]);
      expect(value.ports[0]!.mac).toBe('ba:05:a8:b7:d7:98');
    }
    expect(detectFormat(fixture('ofctl-show-br0.txt')).format).toBe('ovs-ofctl-show');
  });

  it('takes the bridge from a pasted command line when LOCAL is missing, and reports lines it cannot read', () => {
    const { value, diagnostics } = parseOvsOfctlShow('$ ovs-ofctl show br-int\n 5(ovn-k8s-mp0): addr:0a:58:0a:f4:00:02\nbogus line here\n 7(patch-br-int-to): addr:aa:bb:cc:dd:ee:ff\n', 'show.txt');
    expect(value.bridge).toBe('br-int');
    expect(value.ports.map((p) => p.number)).toEqual([5, 7]);
    expect(diagnostics.map((d) => `${d.code} ${d.line}:${d.column}`)).toEqual(['OVS007 3:1']);
  });
});
