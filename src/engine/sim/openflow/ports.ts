/**
 * OpenFlow port numbers of one bridge. Flows name ports by number (`in_port=3`, `output:1`), or by
 * name when dumped with `--names` (cut to 15 characters: `patch-br-int-to`). Numbers come from
 * `ovs-ofctl show BRIDGE`; without it only names can be resolved, and the caller says so.
 */
import type { OvsBridge, OvsOfctlShow } from '../../formats/ovs/types';
import { OFPP_LOCAL } from '../../formats/ovs/ofctl-show';

/** Reserved port numbers (`ovs-actions(7)`), as flows print them. */
export const RESERVED_PORTS: Record<string, number> = {
  IN_PORT: 0xfff8, TABLE: 0xfff9, NORMAL: 0xfffa, FLOOD: 0xfffb, ALL: 0xfffc, CONTROLLER: 0xfffd, LOCAL: OFPP_LOCAL, NONE: 0xffff,
};
/** OpenFlow cuts port names to 15 characters (OFP_MAX_PORT_NAME_LEN - 1). */
const NAME_LIMIT = 15;

export interface OvsPorts {
  /** True when `ovs-ofctl show` gave the numbers. */
  readonly numbered: boolean;
  /** The number of a port written as a number, a reserved name or a (possibly cut) port name; null if unknown. */
  number(text: string): number | null;
  /** The bridge port (as `ovs-vsctl show` names it) with this number; null if unknown. */
  name(n: number): string | null;
}

export function bridgePorts(bridge: OvsBridge, shows: OvsOfctlShow[]): OvsPorts {
  const show = shows.find((s) => s.bridge === bridge.name);
  const byNumber = new Map<number, string>();
  const byName = new Map<string, number>();
  for (const p of show?.ports ?? []) {
    byNumber.set(p.number, p.name);
    byName.set(p.name, p.number);
  }
  if (!byNumber.has(OFPP_LOCAL)) {
    byNumber.set(OFPP_LOCAL, bridge.name);
    byName.set(bridge.name, OFPP_LOCAL);
  }
  const portNames = bridge.ports.flatMap((p) => [p.name, ...p.interfaces.map((i) => i.name)]);
  // Names dumped with --names: resolve the cut name to the port, and give it a stable number
  // when `ovs-ofctl show` is missing (only equality between flows matters then).
  const fullName = (text: string) => portNames.find((n) => n === text) ?? portNames.find((n) => text.length === NAME_LIMIT && n.startsWith(text));
  let synthetic = 0x10000;
  return {
    numbered: show !== undefined,
    number(text) {
      if (/^\d+$/.test(text)) return Number(text);
      if (/^0x[0-9a-f]+$/i.test(text)) return Number(text);
      const reserved = RESERVED_PORTS[text.toUpperCase()];
      if (reserved !== undefined) return reserved;
      const name = fullName(text) ?? text;
      const known = byName.get(name);
      if (known !== undefined) return known;
      if (show || !portNames.includes(name)) return null;
      const n = synthetic++;
      byName.set(name, n);
      byNumber.set(n, name);
      return n;
    },
    name(n) {
      return byNumber.get(n) ?? null;
    },
  };
}
