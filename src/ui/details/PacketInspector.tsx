/**
 * The packet inspector: the header stack at this hop, outermost first. Unchanged fields show
 * once; a field this hop rewrote shows "before → after" in amber, so a DNAT, an encapsulation
 * or a TTL decrement jumps out. Tunnel layers are framed so the inner packet reads as inside.
 */
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { AddressName, HopNode } from '../../engine';
import { useHopscope } from '../store/StoreProvider';
import { headerStack, UNTRACKED, WORD_FIELDS } from './headerStack';
import type { StackField, StackLayer } from './headerStack';
import { Section } from './Section';

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
  const { t } = useTranslation('common');
  const n = names[ip];
  if (!n) return null;
  return (
    <span className="ml-1.5 font-sans text-[11px] text-slate-500" data-testid="address-name">
      {t(`addressKind.${n.kind}`)} {n.namespace ? `${n.namespace}/` : ''}
      {n.name}
    </span>
  );
}

const isAddress = (field: string) => field.endsWith('ip.src') || field.endsWith('ip.dst');

function layerTitle(t: TFunction, { name, position }: StackLayer['title']): string {
  if (name === 'meta') return t('packet.layer.meta');
  return position ? t(`packet.layer.${position}`, { name }) : name;
}

const fieldLabel = (t: TFunction, f: StackField) => (WORD_FIELDS.has(f.label) ? t(`packet.field.${f.label}`) : f.label);
const fieldValue = (t: TFunction, value: string) => (value === UNTRACKED ? t('packet.untracked') : value);

export function PacketInspector({ hop }: { hop: HopNode }) {
  const { t } = useTranslation('details');
  const names = useHopscope((s) => s.trace?.names ?? NO_NAMES);
  const layers = headerStack(hop.before, hop.after);
  const changes = layers.reduce((n, l) => n + l.fields.filter((f) => f.changed).length, 0);
  return (
    <Section title={t('packet.title')} aside={changes ? <span className="font-medium text-amber-700">{t('packet.changed', { count: changes })}</span> : <span>{t('packet.unchanged')}</span>}>
      <div className="space-y-1.5" data-testid="packet-table">
        {layers.map((layer) => (
          <div key={layer.id} className={`rounded-md border px-2 py-1 ${FRAME[layer.role]}`} data-testid="header-layer" data-layer={layer.id} data-role={layer.role}>
            <h4 className="text-[10.5px] font-semibold tracking-wide text-slate-500 uppercase">{layerTitle(t, layer.title)}</h4>
            <table className="w-full border-separate border-spacing-y-px text-[12.5px]">
              <tbody>
                {layer.fields.map((f) => (
                  <tr key={f.field} data-testid="packet-field" data-field={f.field} data-changed={f.changed || undefined}>
                    <th scope="row" className="w-[34%] py-0.5 pr-2 text-left align-top font-normal whitespace-nowrap text-slate-500">
                      {fieldLabel(t, f)}
                    </th>
                    {f.changed ? (
                      <td className="rounded bg-amber-50 px-1.5 py-0.5 font-mono break-all text-amber-900 ring-1 ring-amber-200">
                        <span className="text-amber-700/80 line-through decoration-amber-400" data-testid="before">
                          {fieldValue(t, f.before)}
                        </span>
                        <span className="px-1.5 text-amber-500" aria-label={t('packet.becomes')}>
                          →
                        </span>
                        <strong className="font-semibold" data-testid="after">
                          {fieldValue(t, f.after)}
                        </strong>
                        {isAddress(f.field) && <Name names={names} ip={f.after} />}
                      </td>
                    ) : (
                      <td className="px-1.5 py-0.5 font-mono break-all text-slate-800">
                        {fieldValue(t, f.after)}
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
