import { memo } from 'react';
import { BridgeBar } from './BridgeBar';
import { IfaceChip } from './IfaceChip';
import type { NetnsBox } from './layout';

/** A namespace's interfaces: chips, and bridges as bars. */
export const NetnsIfaces = memo(function NetnsIfaces({ box }: { box: NetnsBox }) {
  return (
    <g data-netns-ifaces={box.id}>
      {box.ifaces.map((i) => (i.shape === 'bar' ? <BridgeBar key={i.id} iface={i} /> : <IfaceChip key={i.id} iface={i} />))}
    </g>
  );
});
