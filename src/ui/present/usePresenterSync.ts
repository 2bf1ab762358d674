import { useEffect } from 'react';
import { useHopscope } from '../store/StoreProvider';
import { writeFlag } from '../url';

/** `presenting` → the `present` class on <html> (present.css) and `&present=1` in the URL, so a reload keeps it. */
export function usePresenterSync() {
  const presenting = useHopscope((s) => s.presenting);
  useEffect(() => {
    document.documentElement.classList.toggle('present', presenting);
    writeFlag('present', presenting);
  }, [presenting]);
}
