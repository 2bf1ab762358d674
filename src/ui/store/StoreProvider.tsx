import { createContext, useContext } from 'react';
import type { ReactNode } from 'react';
import { useStore } from 'zustand';
import type { HopscopeState, HopscopeStore } from './types';

const StoreContext = createContext<HopscopeStore | null>(null);

export function StoreProvider({ store, children }: { store: HopscopeStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

/** The store itself, for transient subscriptions and actions called from effects. */
export function useHopscopeApi(): HopscopeStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useHopscope must be used inside <StoreProvider>.');
  return store;
}

/** Selects from the store; the component re-renders when the selected value changes. */
export function useHopscope<T>(selector: (state: HopscopeState) => T): T {
  return useStore(useHopscopeApi(), selector);
}
