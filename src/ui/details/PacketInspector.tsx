/**
 * The packet inspector: the header stack at this hop, outermost first. Unchanged fields show
 * once; a field this hop rewrote shows "before → after" in amber, so a DNAT, an encapsulation
 * or a TTL decrement jumps out. Tunnel layers are framed so the inner packet reads as inside.
 */
import type { AddressName, HopNode } from '../../engine';
import { useHopscope } from '../store/StoreProvider';
import { headerStack } from './headerStack';
import type { StackLayer } from './headerStack';
import { Section } from './Section';

const S = {
  title: 'Packet',
  changed: (n: number) => `${n} changed here`,
  unchanged: 'unchanged',
  becomes: 'becomes',
};

const FRAME: Record<StackLayer['role'], string> = {
  plain: 'border-slate-200',
  outer: 'border-orange-300 bg-orange-50/40',
  tunnel: 'border-orange-400 bg-orange-50',
  inner: 'border-violet-300 bg-violet-50/40 ml-3',
  meta: 'border-slate-200 bg-slate-50',
};

const NO_NAMES: Record<string, AddressName> = {};

/** `pod default/web-1`, as kubectl names the address. */
function Name({ names, ip }: { names: Record<string, AddressName>; ip: string }) {
  const n = names[ip];
  if (!n) return null;
  return (
    <span className="ml-1.5 font-sans text-[11px] text-slate-500" data-testid="address-name">
      {n.kind} {n.namespace ? `${n.namespace}/` : ''}
      {n.name}
    </span>
  );
}

const isAddress = (field: string) => field.endsWith('ip.src') || field.endsWith('ip.dst');

export function PacketInspector({ hop }: { hop: HopNode }) {
  const names = useHopscope((s) => s.trace?.names ?? NO_NAMES);
  const layers = headerStack(hop.before, hop.after);
  const changes = layers.reduce((n, l) => n + l.fields.filter((f) => f.changed).length, 0);
  return (
    <Section title={S.title} aside={changes ? <span className="font-medium text-amber-700">{S.changed(changes)}</span> : <span>{S.unchanged}</span>}>
      <div className="space-y-1.5" data-testid="packet-table">
        {layers.map((layer) => (
          <div key={layer.id} className={`rounded-md border px-2 py-1 ${FRAME[layer.role]}`} data-testid="header-layer" data-layer={layer.id} data-role={layer.role}>
            <h4 className="text-[10.5px] font-semibold tracking-wide text-slate-500 uppercase">{layer.title}</h4>
            <table className="w-full border-separate border-spacing-y-px text-[12.5px]">
              <tbody>
                {layer.fields.map((f) => (
                  <tr key={f.field} data-testid="packet-field" data-field={f.field} data-changed={f.changed || undefined}>
                    <th scope="row" className="w-[34%] py-0.5 pr-2 text-left align-top font-normal whitespace-nowrap text-slate-500">
                      {f.label}
                    </th>
                    {f.changed ? (
                      <td className="rounded bg-amber-50 px-1.5 py-0.5 font-mono break-all text-amber-900 ring-1 ring-amber-200">
                        <span className="text-amber-700/80 line-through decoration-amber-400" data-testid="before">
                          {f.before}
                        </span>
                        <span className="px-1.5 text-amber-500" aria-label={S.becomes}>
                          →
                        </span>
                        <strong className="font-semibold" data-testid="after">
                          {f.after}
                        </strong>
                        {isAddress(f.field) && <Name names={names} ip={f.after} />}
                      </td>
                    ) : (
                      <td className="px-1.5 py-0.5 font-mono break-all text-slate-800">
                        {f.after}
                        {isAddress(f.field) && <Name names={names} ip={f.after} />}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      </div>
    </Section>
  );
}
