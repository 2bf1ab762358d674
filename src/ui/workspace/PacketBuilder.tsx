/**
 * The packet builder: where the packet starts (a pod, a node, or outside arriving on an
 * interface), what it is (protocol, source, destination), presets, and the spec text it all
 * writes — checked by the engine's own parser, with its message shown right under the field.
 */
import { useMemo } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { renderMessage } from '../../engine';
import { BUTTON, BUTTON_PRIMARY, FIELD, LABEL, SELECT } from '../shell/classes';
import { useHopscope } from '../store/StoreProvider';
import { presetPacket } from './presets';
import { resolveSource } from './resolveSource';
import type { PresetKind } from './presets';
import { joinSpec, splitSpec } from './specFields';
import { suggestDestinations, suggestSources, type Destination } from './suggestions';

const PROTOCOLS = ['tcp', 'udp', 'icmp'] as const;

const PRESETS: PresetKind[] = ['podToService', 'outsideToNodePort', 'podToInternet', 'reply'];

function destinationLabel(d: Destination, t: TFunction): string {
  if (d.kind === 'service') return t('packet.suggest.service', { name: d.name, protocol: d.protocol });
  if (d.kind === 'nodePort') return t('packet.suggest.nodePort', { name: d.name, node: d.node });
  return t('packet.suggest.pod', { name: d.name });
}

export function PacketBuilder() {
  const { t } = useTranslation(['workspace', 'common']);
  const catalog = useHopscope((s) => s.catalog);
  const topology = useHopscope((s) => s.topology);
  const trace = useHopscope((s) => s.trace);
  const packet = useHopscope((s) => s.workspace.packet);
  const packetError = useHopscope((s) => s.packetError);
  const lang = useHopscope((s) => s.lang);
  const parsing = useHopscope((s) => s.parseStatus === 'parsing');
  const setPacket = useHopscope((s) => s.setPacket);
  const tracePacket = useHopscope((s) => s.tracePacket);
  const fields = splitSpec(packet.spec);
  const dsts = useMemo(() => (catalog ? suggestDestinations(catalog, fields.dst) : []), [catalog, fields.dst]);
  const sources = useMemo(() => (catalog ? suggestSources(catalog, packet.from) : []), [catalog, packet.from]);

  if (!catalog) {
    return (
      <section className="border-t border-slate-200 px-3 py-3 text-[12px] text-slate-500" aria-label={t('packet.title')}>
        {t('packet.noDumps')}
      </section>
    );
  }
  const source = resolveSource(catalog, packet.from);
  const ifaces = source && topology ? topology.ifaces.filter((i) => i.netns === source.id && i.kind !== 'loopback') : [];

  const setField = (k: 'proto' | 'src' | 'dst', v: string) => setPacket({ spec: joinSpec({ ...fields, [k]: v }) });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void tracePacket();
  };
  const applyPreset = (kind: PresetKind) => {
    const form = presetPacket(kind, catalog, trace, packet);
    if (!form) return;
    setPacket(form);
    void tracePacket();
  };
  const errorId = 'packet-spec-error';

  return (
    <section aria-labelledby="ws-packet" className="space-y-2 border-t border-slate-200 px-3 py-3" data-testid="packet-builder">
      <h2 id="ws-packet" className="text-[13px] font-semibold text-slate-800">
        {t('packet.title')}
      </h2>
      <div className="flex flex-wrap items-center gap-1" role="group" aria-label={t('packet.presets')}>
        {PRESETS.map((kind) => (
          <button
            key={kind}
            type="button"
            className={BUTTON}
            disabled={!presetPacket(kind, catalog, trace, packet)}
            onClick={() => applyPreset(kind)}
            data-testid={`preset-${kind}`}
          >
            {t(`packet.preset.${kind}`)}
          </button>
        ))}
      </div>
      <form className="space-y-2" onSubmit={submit}>
        <div className="grid grid-cols-[minmax(0,1.2fr)_minmax(0,1fr)] gap-1.5">
          <label className="space-y-0.5">
            <span className={LABEL}>{t('packet.from')}</span>
            <input
              className={`${FIELD} font-mono`}
              value={packet.from}
              list="hs-sources"
              placeholder={t('packet.fromPlaceholder')}
              spellCheck={false}
              onChange={(e) => setPacket({ from: e.target.value, in: null })}
              aria-invalid={packet.from && !source ? true : undefined}
              data-testid="packet-from"
            />
            <datalist id="hs-sources">
              {sources.map((n) => (
                <option key={n.id} value={n.id} label={t('packet.sourceOption', { kind: t(`common:addressKind.${n.kind === 'host' ? 'node' : 'pod'}`), name: n.label, addresses: n.addresses.join(', ') })} />
              ))}
            </datalist>
          </label>
          <label className="space-y-0.5">
            <span className={LABEL}>{t('packet.arrives')}</span>
            <select
              className={`${SELECT} w-full`}
              value={packet.in ?? ''}
              onChange={(e) => setPacket({ in: e.target.value || null })}
              disabled={!source}
              data-testid="packet-in"
            >
              <option value="">{t('packet.localSocket')}</option>
              {ifaces.map((i) => (
                <option key={i.id} value={i.name}>
                  {t('packet.arrivesOn', { iface: i.name, kind: i.kind })}
                </option>
              ))}
            </select>
          </label>
        </div>
        {packet.from && !source && (
          <p className="text-[12px] text-amber-700" data-testid="packet-from-unknown">
            {t('packet.unknownSource', { from: packet.from })}
          </p>
        )}
        <div className="grid grid-cols-[5rem_minmax(0,1fr)] gap-1.5">
          <label className="space-y-0.5">
            <span className={LABEL}>{t('packet.proto')}</span>
            <select className={`${SELECT} w-full`} value={fields.proto} onChange={(e) => setField('proto', e.target.value)} data-testid="packet-proto">
              {PROTOCOLS.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          </label>
          <label className="space-y-0.5">
            <span className={LABEL}>{t('packet.src')}</span>
            <input className={`${FIELD} font-mono`} value={fields.src} placeholder={t('packet.srcPlaceholder')} onChange={(e) => setField('src', e.target.value)} data-testid="packet-src" />
          </label>
        </div>
        <label className="block space-y-0.5">
          <span className={LABEL}>{t('packet.dst')}</span>
          <input
            className={`${FIELD} font-mono`}
            value={fields.dst}
            list="hs-destinations"
            placeholder={t('packet.dstPlaceholder')}
            onChange={(e) => setField('dst', e.target.value)}
            data-testid="packet-dst"
          />
          <datalist id="hs-destinations">
            {dsts.map((d) => (
              <option key={`${d.kind}|${d.value}|${d.name}`} value={d.value} label={destinationLabel(d, t)} />
            ))}
          </datalist>
        </label>
        <label className="block space-y-0.5">
          <span className={LABEL}>{t('packet.spec')}</span>
          <input
            className={`${FIELD} font-mono`}
            value={packet.spec}
            onChange={(e) => setPacket({ spec: e.target.value })}
            aria-invalid={packetError ? true : undefined}
            aria-describedby={packetError ? errorId : undefined}
            spellCheck={false}
            data-testid="packet-spec"
          />
        </label>
        {packetError && (
          <p id={errorId} role="alert" className="rounded-md bg-red-50 px-2 py-1 text-[12px] text-red-800" data-testid="packet-error">
            <span className="font-mono text-red-600">{t('packet.column', { column: packetError.column })}</span> {renderMessage(packetError.text, lang)}
          </p>
        )}
        <button type="submit" className={`${BUTTON_PRIMARY} w-full justify-center`} disabled={!packet.from || !packet.spec.trim() || !!packetError || parsing} data-testid="trace-button">
          {t('packet.trace')}
        </button>
      </form>
    </section>
  );
}
