/**
 * Searches in the shared space, answered by the worker: the captions nearest an image, the images nearest
 * a typed text. Only the latest search's answer is shown; an older one that comes late is dropped.
 */
import type { SelectionState } from './runState';
import type { Store } from './store';
import type { WorkerConnection } from './workerConnection';

export interface PairSearch {
  /** The 5 captions nearest pair `index`'s image. */
  searchImage(index: number): void;
  /** The 8 images nearest `text`. */
  searchText(text: string): void;
}

export function createPairSearch(
  selection: Store<SelectionState>,
  worker: Pick<WorkerConnection, 'send' | 'searches'>,
): PairSearch {
  const search = (kind: 'images' | 'captions', send: (id: number) => void) => {
    selection.setState({ results: { kind, hits: [], unknownWords: [] } });
    worker.searches.ask(send).then(
      (a) => {
        if (a.id !== worker.searches.latest()) return;
        selection.setState((s) => ({
          results: { kind: s.results?.kind ?? kind, hits: a.hits, unknownWords: a.unknownWords },
        }));
      },
      () => undefined, // the worker failed: its error is shown with the run
    );
  };
  return {
    searchImage: (index) => search('captions', (id) => worker.send({ type: 'searchImage', id, index, k: 5 })),
    searchText(text) {
      selection.setState({ query: text });
      search('images', (id) => worker.send({ type: 'searchText', id, text, k: 8 }));
    },
  };
}
