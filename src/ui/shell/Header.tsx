import { useTranslation } from 'react-i18next';
import { localize } from '../../engine';
import { GalleryButton } from '../gallery/GalleryButton';
import { GalleryHeading } from '../gallery/GalleryHeading';
import { GuidedToggle } from '../guided/GuidedToggle';
import { OwnCopyBadge } from '../dumps/OwnCopyBadge';
import { useHopscope } from '../store/StoreProvider';
import { BUTTON } from './classes';
import { LanguageSwitch } from './LanguageSwitch';
import { Logo } from './Logo';
import { ThemeToggle } from './ThemeToggle';
import { PresentToggle } from '../present/PresentToggle';
import { ShareButton } from '../share/ShareButton';

/** The app bar: name, what is open, the scenario and packet pickers, workspace actions, theme and help. */
export function Header() {
  const { t } = useTranslation(['shell', 'common']);
  const mode = useHopscope((s) => s.mode);
  const scenario = useHopscope((s) => s.scenario);
  const lang = useHopscope((s) => s.lang);
  const packetIndex = useHopscope((s) => s.packetIndex);
  const selectPacket = useHopscope((s) => s.selectPacket);
  const failed = useHopscope((s) => s.loadStatus === 'error' || s.analysisError !== null);
  const scenarioId = useHopscope((s) => s.scenarioId);
  const inputCount = useHopscope((s) => s.workspace.inputs.length);
  const spec = useHopscope((s) => s.workspace.packet.spec);
  const panelOpen = useHopscope((s) => s.panelOpen);
  const setPanelOpen = useHopscope((s) => s.setPanelOpen);
  const editScenarioDumps = useHopscope((s) => s.editScenarioDumps);
  const newWorkspace = useHopscope((s) => s.newWorkspace);
  const setHelpOpen = useHopscope((s) => s.setHelpOpen);
  const inScenario = mode === 'scenario';

  return (
    <header className="hs-wall flex min-w-0 flex-wrap items-center gap-x-3 gap-y-1 border-b border-slate-200 bg-white px-4 py-2">
      <Logo />
      <div className="h-7 w-px bg-slate-200 max-md:hidden" aria-hidden="true" />
      <div className="min-w-[9rem] flex-1" data-testid="scenario-heading">
        {inScenario && !scenarioId ? (
          <GalleryHeading />
        ) : inScenario ? (
          <>
            <h1 className="flex items-center gap-2 truncate text-[15px] leading-tight font-semibold text-slate-900" title={scenario ? localize(scenario.title, lang) : undefined}>
              {(scenario && localize(scenario.title, lang)) ?? (failed ? <span className="font-mono text-slate-500">{scenarioId}</span> : t('header.loading'))}
              {scenario && (
                <span className="rounded-full bg-slate-100 px-2 py-px text-[11px] font-medium text-slate-600 ring-1 ring-slate-200 max-lg:hidden">
                  {t(`common:level.${scenario.level}`)} · {scenario.datapath}
                </span>
              )}
            </h1>
            {scenario && (
              <p className="truncate text-[12.5px] text-slate-500" title={localize(scenario.summary, lang)}>
                {localize(scenario.summary, lang)}
              </p>
            )}
          </>
        ) : (
          <>
            <h1 className="truncate text-[15px] leading-tight font-semibold text-slate-900">
              {t('header.workspace')}
              {scenarioId && <span className="ml-2 text-[12px] font-normal text-slate-500">{t('header.basedOn', { id: scenarioId })}</span>}
            </h1>
            <p className="truncate text-[12.5px] text-slate-500">
              {t('header.dumps', { count: inputCount })}
              {spec && (
                <>
                  {' · '}
                  <code className="font-mono">{spec}</code>
                </>
              )}
            </p>
          </>
        )}
      </div>
      <OwnCopyBadge />
      {inScenario && scenario && scenario.packets.length > 1 && (
        <select
          aria-label={t('header.packet')}
          value={packetIndex}
          onChange={(e) => void selectPacket(Number(e.target.value))}
          title={scenario.packets[packetIndex] ? t('header.packetOption', { name: scenario.packets[packetIndex].name, packet: scenario.packets[packetIndex].packet }) : undefined}
          // Long packet names are cut in the bar (the list and the title show them whole), so the bar stays one line at 1280 px.
          className="w-56 min-w-0 truncate rounded-md border border-slate-200 bg-white px-2 py-1 text-[12.5px] text-slate-700 2xl:w-auto 2xl:max-w-[26rem]"
          data-testid="packet-select"
        >
          {scenario.packets.map((p, i) => (
            <option key={i} value={i}>
              {t('header.packetOption', { name: p.name, packet: p.packet })}
            </option>
          ))}
        </select>
      )}
      <div className="hs-present-hide flex items-center gap-1.5 max-md:hidden">
        <GalleryButton />
        <GuidedToggle />
        {inScenario && !scenarioId ? null : inScenario ? (
          <button type="button" className={BUTTON} onClick={editScenarioDumps} title={t('header.editHint')} disabled={!scenario} data-testid="edit-dumps">
            {t('header.editDumps')}
          </button>
        ) : (
          <button type="button" className={BUTTON} onClick={() => setPanelOpen(!panelOpen)} aria-pressed={panelOpen} data-testid="panel-toggle">
            {t('header.panel')}
          </button>
        )}
        <button type="button" className={BUTTON} onClick={newWorkspace} title={t('header.newHint')} data-testid="new-workspace">
          {t('header.newWorkspace')}
        </button>
      </div>
      <ShareButton />
      <PresentToggle />
      <LanguageSwitch />
      <ThemeToggle />
      <button
        type="button"
        aria-label={t('header.help')}
        title={t('header.help')}
        onClick={() => setHelpOpen(true)}
        className="grid h-8 w-8 place-items-center rounded-md text-[15px] font-semibold text-slate-600 hover:bg-slate-100 hover:text-slate-900"
        data-testid="help-button"
      >
        ?
      </button>
    </header>
  );
}
