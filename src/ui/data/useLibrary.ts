import { libraryFor, type DataLibrary } from '../../state/persistence/dataLibrary';
import { useController } from '../controllerContext';

/** The app's data library (imports, saved datasets, settings and weights). */
export function useLibrary(): DataLibrary {
  return libraryFor(useController());
}
