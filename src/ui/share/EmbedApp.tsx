/**
 * The compact player for an <iframe> (`&embed=1`): the topology, the current hop's explanation
 * and the playback buttons; no workspace editing. A link opens the same trace in a full page.
 */
import { useTranslation } from 'react-i18next';
import { localize, renderMessage } from '../../engine';
import { useLanguageSync } from '../i18n';
import { useKeyboardShortcuts } from '../playback/useKeyboardShortcuts';
import { usePlaybackTimer } from '../playback/usePlaybackTimer';
import { LoadState } from '../shell/LoadState';
import { useThemeSync } from '../shell/theme';
import { useUrlSync } from '../shell/useUrlSync';
import { selectCurrentHop } from '../store/selectors';
import { useHopscope } from '../store/StoreProvider';
import { TopologyView } from '../topology/TopologyView';
import type { UrlState } from '../url';
import type { DecodeResult } from './codec';
import { EmbedControls } from './EmbedControls';
import { shareUrl, type ShareTarget } from './fragment';
import { ShareNotice } from './ShareNotice';
import { useEncodedWorkspace } from './useEncodedWorkspace';
import { useInitialLoad } from './useInitialLoad';

function useFullPageUrl(): string | null {
  const mode = useHopscope((s) => s.mode);
  const scenarioId = useHopscope((s) => s.scenarioId);
  const workspace = useHopscope((s) => s.workspace);
  const step = useHopscope((s) => s.step);
  const lang = useHopscope((s) => s.lang);
  const encoded = useEncodedWorkspace(mode, workspace);
  const target: ShareTarget | null = mode === 'scenario' && scenarioId ? { mode: 'scenario', scenario: scenarioId } : encoded?.ok ? { mode: 'workspace', encoded: encoded.text } : null;
  return target ? shareUrl({ base: `${window.location.origin}${window.location.pathname}`, target, step, lang }) : null;
}

function Explanation() {
  const hop = useHopscope(selectCurrentHop);
  const lang = useHopscope((s) => s.lang);
  if (!hop) return null;
  return (
    <p className="line-clamp-3 text-[14px] leading-snug text-slate-900" aria-live="polite" data-testid="embed-message" data-hop-id={hop.id}>
      {renderMessage(hop.message, lang)}
    </p>
  );
}

export function EmbedApp({ initial, shared }: { initial: UrlState; shared: DecodeResult | null }) {
  const { t } = useTranslation('share');
  useKeyboardShortcuts();
  usePlaybackTimer();
  useUrlSync();
  useThemeSync();
  useLanguageSync();
  useInitialLoad(initial, shared);
  const hasTrace = useHopscope((s) => s.hops.length > 0);
  const scenario = useHopscope((s) => s.scenario);
  const lang = useHopscope((s) => s.lang);
  const empty = useHopscope((s) => s.mode === 'workspace' && s.workspace.inputs.length === 0);
  const full = useFullPageUrl();
  const title = scenario ? localize(scenario.title, lang) : t('html.workspaceTitle');

  return (
    <div className="grid h-screen grid-rows-[auto_minmax(0,1fr)_auto] bg-slate-50 text-slate-900" data-testid="embed-player">
      <header className="flex min-w-0 items-center gap-3 border-b border-slate-200 bg-white px-3 py-1.5">
        <h1 className="min-w-0 flex-1 truncate text-[13.5px] font-semibold" data-testid="embed-title">
          {title}
        </h1>
        {full && (
          <a href={full} target="_blank" rel="noopener noreferrer" className="shrink-0 text-[12.5px] font-medium text-sky-700 hover:underline" title={t('player.openTitle')} data-testid="embed-open">
            {t('player.open')}
          </a>
        )}
      </header>
      <main className="relative min-h-0">
        {hasTrace ? (
          <TopologyView />
        ) : empty ? (
          <p className="grid h-full place-items-center p-6 text-[14px] text-slate-600" data-testid="embed-empty">
            {t('player.nothing')}
          </p>
        ) : (
          <LoadState />
        )}
      </main>
      {hasTrace && (
        <footer className="space-y-1 border-t border-slate-200 bg-white px-3 py-2">
          <EmbedControls />
          <Explanation />
        </footer>
      )}
      <ShareNotice shared={shared} />
    </div>
  );
}
