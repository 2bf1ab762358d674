import { useEffect } from 'react';
import { HopDetails } from './details/HopDetails';
import { EventList } from './playback/EventList';
import { PlaybackBar } from './playback/PlaybackBar';
import { useKeyboardShortcuts } from './playback/useKeyboardShortcuts';
import { usePlaybackTimer } from './playback/usePlaybackTimer';
import { ErrorBoundary } from './shell/ErrorBoundary';
import { Header } from './shell/Header';
import { IssuesPanel } from './shell/IssuesPanel';
import { LoadState } from './shell/LoadState';
import { useUrlSync } from './shell/useUrlSync';
import { useHopscope } from './store/StoreProvider';
import { TopologyView } from './topology/TopologyView';

/** The shell: header; topology with playback below it; hop details on the right. */
export function App({ scenario, step }: { scenario: string; step: number }) {
  const openScenario = useHopscope((s) => s.openScenario);
  const ready = useHopscope((s) => s.loadStatus === 'ready' && s.hops.length > 0 && !s.analysisError);
  useKeyboardShortcuts();
  usePlaybackTimer();
  useUrlSync();

  useEffect(() => {
    void openScenario(scenario, step);
  }, [openScenario, scenario, step]);

  return (
    <div className="grid h-screen grid-rows-[auto_minmax(0,1fr)] bg-slate-100 text-slate-900">
      <Header />
      <ErrorBoundary>
        {ready ? (
          <main className="grid min-h-0 grid-cols-[minmax(0,1fr)_clamp(360px,32vw,560px)]">
            <div className="grid min-h-0 grid-rows-[minmax(0,1fr)_auto]">
              <section className="relative min-h-0" aria-label="Topology">
                <TopologyView />
                <IssuesPanel />
              </section>
              <section className="hs-wall border-t border-slate-200 bg-white" aria-label="Playback and hops">
                <div className="px-3 py-1.5">
                  <PlaybackBar />
                </div>
                <div className="h-[clamp(6.5rem,20vh,15rem)]">
                  <EventList />
                </div>
              </section>
            </div>
            <aside className="min-h-0 overflow-y-auto border-l border-slate-200 bg-white" aria-label="Hop details">
              <div className="hs-wall">
                <HopDetails />
              </div>
            </aside>
          </main>
        ) : (
          <main className="relative min-h-0">
            <LoadState />
            <IssuesPanel />
          </main>
        )}
      </ErrorBoundary>
    </div>
  );
}
