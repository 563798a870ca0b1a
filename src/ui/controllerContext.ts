import { createContext, useContext } from 'react';
import type { Controller } from '../state/controller';

export const ControllerContext = createContext<Controller | null>(null);

/** The app's controller (stores + actions); provided once at the root. */
export function useController(): Controller {
  const c = useContext(ControllerContext);
  if (!c) throw new Error('useController outside ControllerContext');
  return c;
}
