import { useEffect } from 'react';
import { useHopscope, useHopscopeApi } from '../store/StoreProvider';

/** While playing, advances one hop every `msPerHop`; `next` stops playback at the last hop. */
export function usePlaybackTimer() {
  const store = useHopscopeApi();
  const playing = useHopscope((s) => s.playing);
  const msPerHop = useHopscope((s) => s.msPerHop);
  useEffect(() => {
    if (!playing) return;
    const id = window.setInterval(() => store.getState().next(), msPerHop);
    return () => window.clearInterval(id);
  }, [playing, msPerHop, store]);
}
