import type { HopNode } from '../../engine';
import { packetRows } from './packetFields';
import { Section } from './Section';

/**
 * The packet's headers at this hop. Unchanged fields show once; a field this hop rewrote
 * shows "before → after" in amber, so a DNAT or a TTL decrement jumps out.
 */
export function PacketTable({ hop }: { hop: HopNode }) {
  const rows = packetRows(hop.before, hop.after);
  const changes = rows.filter((r) => r.changed).length;
  return (
    <Section
      title="Packet"
      aside={changes ? <span className="font-medium text-amber-700">{changes} changed here</span> : <span>unchanged</span>}
    >
      <table className="w-full border-separate border-spacing-y-px text-[12.5px]" data-testid="packet-table">
        <tbody>
          {rows.map((r, i) => (
            <tr key={r.field} data-testid="packet-field" data-field={r.field} data-changed={r.changed || undefined}>
              <th scope="row" className="w-[38%] py-0.5 pr-2 text-left align-top font-normal whitespace-nowrap text-slate-500">
                <span className="inline-block w-[4.6rem] text-[10.5px] font-semibold tracking-wide text-slate-400 uppercase">
                  {rows[i - 1]?.group === r.group ? '' : r.group}
                </span>
                {r.label}
              </th>
              {r.changed ? (
                <td className="rounded bg-amber-50 px-1.5 py-0.5 font-mono text-amber-900 ring-1 ring-amber-200">
                  <span className="text-amber-700/80 line-through decoration-amber-400" data-testid="before">
                    {r.before}
                  </span>
                  <span className="px-1.5 text-amber-500" aria-label="becomes">
                    →
                  </span>
                  <strong className="font-semibold" data-testid="after">
                    {r.after}
                  </strong>
                </td>
              ) : (
                <td className="px-1.5 py-0.5 font-mono text-slate-800">{r.after}</td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}
