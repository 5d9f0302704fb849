// React access to the lab store: one context, atomic selectors (useLab(s => s.field)).
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { LabStore } from './create-store';
import type { LabState } from './types';

export const LabContext = createContext<LabStore | null>(null);

export function useLabStore(): LabStore {
  const store = useContext(LabContext);
  if (!store) throw new Error('useLabStore outside <LabContext.Provider>');
  return store;
}

export function useLab<T>(selector: (s: LabState) => T): T {
  return useStore(useLabStore(), selector);
}
