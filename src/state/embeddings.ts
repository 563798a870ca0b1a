/**
 * Precomputed embeddings brought back into the app: the files being measured, their summary, and the
 * pair selected in their view. Kept apart from the runs on purpose: nothing here was trained, so none
 * of it may be shown under a run's name, settings or step counter.
 */
import { createStore, type Store } from './store';
import type { ImportFile } from '../training/import/protocol';
import type { EmbeddingsSummary } from '../training/embeddings/protocol';
import { measureEmbeddingFiles } from '../training/embeddings/embeddingsClient';

export interface EmbeddingsState {
  /** 'idle': none loaded (the run's views show); otherwise the embeddings view replaces them. */
  status: 'idle' | 'loading' | 'ready' | 'error';
  /** Names of the files given (shown while loading and in the label). */
  files: string[];
  /** What the worker is doing, while loading. */
  stage: string | null;
  summary: EmbeddingsSummary | null;
  error: string | null;
  /** A drawn pair (index into summary.drawn), or null. */
  selected: number | null;
}

export interface EmbeddingsStore {
  readonly state: Store<EmbeddingsState>;
  /** Reads and measures `files` in a worker; a later load supersedes an earlier one still running. */
  load(files: readonly ImportFile[]): Promise<void>;
  /** Back to the run's views. */
  close(): void;
  selectPair(index: number | null): void;
}

const IDLE: EmbeddingsState = {
  status: 'idle',
  files: [],
  stage: null,
  summary: null,
  error: null,
  selected: null,
};

export function createEmbeddingsStore(measure = measureEmbeddingFiles): EmbeddingsStore {
  const state = createStore<EmbeddingsState>(IDLE);
  let generation = 0;
  return {
    state,
    async load(files) {
      const mine = ++generation;
      const names = files.map((f) => f.path.split('/').pop() ?? f.path);
      state.setState({ ...IDLE, status: 'loading', files: names, stage: 'starting' });
      try {
        const summary = await measure(files, (stage) => {
          if (mine === generation) state.setState({ stage });
        });
        if (mine === generation) state.setState({ status: 'ready', summary, stage: null });
      } catch (e) {
        if (mine === generation)
          state.setState({ status: 'error', stage: null, error: e instanceof Error ? e.message : String(e) });
      }
    },
    close() {
      generation++;
      state.setState(IDLE);
    },
    selectPair(index) {
      state.setState({ selected: index });
    },
  };
}

/** Whether dropped files are embeddings rather than image–caption pairs: .npy files, or a vectors .tsv. */
export function looksLikeEmbeddings(files: readonly ImportFile[]): boolean {
  const names = files.map((f) => f.path.toLowerCase());
  return names.some((p) => p.endsWith('.npy') || (p.endsWith('.tsv') && !p.endsWith('metadata.tsv')));
}
