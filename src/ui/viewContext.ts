import { createContext, useContext } from 'react';
import type { ViewController } from '../state/viewController';

export const ViewContext = createContext<ViewController | null>(null);

/** The page's view controller (lesson, presentation); provided once at the root. */
export function useView(): ViewController {
  const v = useContext(ViewContext);
  if (!v) throw new Error('useView outside ViewContext');
  return v;
}
