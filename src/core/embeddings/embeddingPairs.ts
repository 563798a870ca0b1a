/**
 * Precomputed embeddings of two modalities for the same items, as read from files (see readPairs.ts):
 * what the metrics, the runner and the app's embeddings view take.
 */

export interface EmbeddingPairs {
  /** The two modalities as the files name them ('image', 'caption'; 'image', 'text' ...), in order. */
  readonly names: readonly [string, string];
  /** The files the vectors and metadata came from, as given. */
  readonly sources: readonly string[];
  /** Number of pairs. */
  readonly n: number;
  /** Width of each modality's vectors (they may differ). */
  readonly dims: readonly [number, number];
  /** [n, dims[0]] and [n, dims[1]] row-major, row i of both from item i, each row L2-normalised. */
  readonly a: Float32Array;
  readonly b: Float32Array;
  /** Semantic key per pair: pairs with equal keys mean the same thing (retrieving either is a hit). */
  readonly keys: readonly string[];
  /** Where the keys came from: a metadata column, or each pair its own key. */
  readonly keySource: 'key' | 'label' | 'identity';
  /** A caption or label per pair for display, when the metadata has one. */
  readonly captions: readonly string[] | null;
  /** 1 where the metadata's `split` says the pair was held out of training; null without a split column. */
  readonly heldOut: Uint8Array | null;
  /** Things worth saying about the reading (rows re-normalised, files left aside). */
  readonly notes: readonly string[];
}

/** A file as read: its path (inside a folder or zip) and its bytes. */
export interface EmbeddingFile {
  readonly path: string;
  readonly bytes: Uint8Array;
}

/** The files' names, shortest path first, for a label ('vectors.tsv, metadata.tsv'). */
export function sourceLabel(pairs: Pick<EmbeddingPairs, 'sources'>): string {
  return pairs.sources.map((s) => s.split('/').pop() ?? s).join(', ');
}
