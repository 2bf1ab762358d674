import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { HopDetails } from './details/HopDetails';
import { BranchesBar } from './playback/BranchesBar';
import { EventList } from './playback/EventList';
import { PlaybackBar } from './playback/PlaybackBar';
import { useKeyboardShortcuts } from './playback/useKeyboardShortcuts';
import { usePlaybackTimer } from './playback/usePlaybackTimer';
import { Gallery } from './gallery/Gallery';
import { GuidedPanel } from './guided/GuidedPanel';
import { GuidedVeil } from './guided/GuidedVeil';
import { readGuided, useGuidedUrl } from './guided/useGuidedUrl';
import { EmptyState } from './shell/EmptyState';
import { useLanguageSync } from './i18n';
import { ErrorBoundary } from './shell/ErrorBoundary';
import { Header } from './shell/Header';
import { HelpOverlay } from './shell/HelpOverlay';
import { IssuesPanel } from './shell/IssuesPanel';
import { LoadState } from './shell/LoadState';
import { useWorkspacePersistence } from './shell/usePersistence';
import { useThemeSync } from './shell/theme';
import { useUrlSync } from './shell/useUrlSync';
import { loadWorkspace } from './shell/workspaceStorage';
import { useHopscope } from './store/StoreProvider';
import { TopologyView } from './topology/TopologyView';
import type { UrlState } from './url';
import { PointerHighlight } from './present/PointerHighlight';
import { usePresenterKeys } from './present/usePresenterKeys';
import { usePresenterSync } from './present/usePresenterSync';
import type { DecodeResult } from './share/codec';
import { ShareNotice } from './share/ShareNotice';
import { ViewTabs } from './views/ViewTabs';
import { WorkspacePanel } from './workspace/WorkspacePanel';

// Views the first paint does not show load when first opened (keeps the initial JavaScript small).
const ChainView = lazy(() => import('./views/ChainView').then((m) => ({ default: m.ChainView })));
const NetfilterMapView = lazy(() => import('./views/NetfilterMapView').then((m) => ({ default: m.NetfilterMapView })));
const FileViewer = lazy(() => import('./views/FileViewer').then((m) => ({ default: m.FileViewer })));

/** The dump viewer, mounted (and its code loaded) while a file is open. */
function FileViewerSlot() {
  const open = useHopscope((s) => s.fileView !== null);
  return open ? (
    <Suspense fallback={null}>
      <FileViewer />
    </Suspense>
  ) : null;
}

function CentreView() {
  const centre = useHopscope((s) => s.centre);
  if (centre === 'topology') return <TopologyView />;
  return <Suspense fallback={null}>{centre === 'netfilter' ? <NetfilterMapView /> : <ChainView />}</Suspense>;
}

/**
 * The shell: header; the workspace panel (dumps, packet builder) on the left when editing; the
 * views of the current hop in the middle with playback and the event list below; hop details on
 * the right. On a phone the columns stack and the workspace panel is left out (read-only).
 */
export function App({ initial, shared = null }: { initial: UrlState; shared?: DecodeResult | null }) {
  const { t } = useTranslation('shell');
  const openScenario = useHopscope((s) => s.openScenario);
  const restoreWorkspace = useHopscope((s) => s.restoreWorkspace);
  const newWorkspace = useHopscope((s) => s.newWorkspace);
  const openGallery = useHopscope((s) => s.openGallery);
  const setGalleryFilters = useHopscope((s) => s.setGalleryFilters);
  const galleryOpen = useHopscope((s) => s.galleryOpen);
  const startGuided = useHopscope((s) => s.startGuided);
  const mode = useHopscope((s) => s.mode);
  const panelOpen = useHopscope((s) => s.panelOpen);
  const loadStatus = useHopscope((s) => s.loadStatus);
  const hasTrace = useHopscope((s) => s.hops.length > 0);
  const centre = useHopscope((s) => s.centre);
  useKeyboardShortcuts();
  usePlaybackTimer();
  useUrlSync();
  useThemeSync();
  useLanguageSync();
  useWorkspacePersistence();
  useGuidedUrl();
  usePresenterSync();
  usePresenterKeys();

  useEffect(() => {
    // A shared link's workspace (already decoded and validated) comes first.
    if (shared?.ok) {
      void restoreWorkspace(shared.workspace);
      return;
    }
    if (initial.mode === 'gallery') {
      setGalleryFilters(initial.filters);
      void openGallery();
      return;
    }
    if (initial.mode === 'scenario') {
      const guided = readGuided();
      void openScenario(initial.scenario, initial.step).then(() => guided && startGuided());
      return;
    }
    const saved = loadWorkspace();
    if (saved) void restoreWorkspace(saved);
    else newWorkspace();
  }, [initial, shared, openScenario, restoreWorkspace, newWorkspace, openGallery, setGalleryFilters, startGuided]);

  // Until a scenario is read (or when it cannot be), the page says so; once read, the layout
  // below shows the trace, or why there is none.
  const scenarioWaiting = mode === 'scenario' && loadStatus !== 'ready';

  return (
    <div className="grid h-screen grid-rows-[auto_minmax(0,1fr)] bg-slate-100 text-slate-900 max-md:flex max-md:h-auto max-md:min-h-screen max-md:flex-col">
      <Header />
      <ErrorBoundary>
        {galleryOpen ? (
          <Gallery />
        ) : scenarioWaiting ? (
          <main className="relative min-h-0">
            <LoadState />
            <IssuesPanel />
          </main>
        ) : (
          <main
            className={`grid min-h-0 max-md:flex max-md:flex-col ${hasTrace ? 'grid-cols-[auto_minmax(0,1fr)_clamp(340px,30vw,540px)]' : 'grid-cols-[auto_minmax(0,1fr)]'}`}
          >
            {mode === 'workspace' && panelOpen ? <WorkspacePanel /> : <div />}
            <div className="grid min-h-0 min-w-0 grid-cols-[minmax(0,1fr)] grid-rows-[auto_minmax(0,1fr)_auto] max-md:h-[75vh]">
              {hasTrace ? <ViewTabs /> : <div />}
              <section
                id="centre-view"
                role={hasTrace ? 'tabpanel' : undefined}
                aria-labelledby={hasTrace ? `tab-${centre}` : undefined}
                aria-label={hasTrace ? undefined : t('app.views')}
                className="relative min-h-0 bg-slate-50"
              >
                {hasTrace ? <CentreView /> : <EmptyState />}
                {hasTrace && centre === 'topology' && <IssuesPanel withDiagnostics={mode === 'scenario'} />}
                <FileViewerSlot />
              </section>
              {hasTrace ? (
                <section className="hs-wall border-t border-slate-200 bg-white" aria-label={t('app.playback')}>
                  <div className="px-3 py-1.5">
                    <PlaybackBar />
                  </div>
                  <GuidedVeil quiet>
                    <BranchesBar />
                  </GuidedVeil>
                  <div className="hs-present-hide h-[clamp(6.5rem,22vh,16rem)]">
                    <GuidedVeil>
                      <EventList />
                    </GuidedVeil>
                  </div>
                </section>
              ) : (
                <div />
              )}
            </div>
            {hasTrace && (
              <aside className="min-h-0 overflow-y-auto border-l border-slate-200 bg-white max-md:border-t max-md:border-l-0" aria-label={t('app.details')}>
                <div className="hs-wall">
                  <GuidedPanel />
                  <GuidedVeil>
                    <HopDetails />
                  </GuidedVeil>
                </div>
              </aside>
            )}
          </main>
        )}
      </ErrorBoundary>
      <HelpOverlay />
      <ShareNotice shared={shared} />
      <PointerHighlight />
    </div>
  );
}
