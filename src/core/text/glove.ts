/**
 * Frozen GloVe word vectors (6B tokens, 100-d; Pennington, Socher & Manning 2014), trimmed at build time
 * by scripts/prepare-glove.ts to the words in use. The 'glove' text encoder reads a caption as the mean
 * of its words' vectors, never updated, so only the projection head after it learns.
 *
 * The lesson it teaches: GloVe learns from which words appear near which, and opposites appear in the
 * same places ("on the left" / "on the right"). In the trimmed file cos(left, right) = 0.77,
 * cos(small, large) = 0.93, cos(top, bottom) = 0.59 and even cos(red, blue) = 0.84, against
 * cos(red, banana) = 0.32 (printed by the script, checked in test/core/text/glove.test.ts). Close is
 * not the same as equal, though: a trained linear head can still pull such words apart. Measured on
 * ShapeCaptions (coordinated, InfoNCE, 600 steps, seed 1), the top image a caption retrieves has the
 * right size 99% and the right position 100% of the time with GloVe, but the right shape only 68%
 * and colour 87% (bag of words: 81% and 99%), most likely because averaging fixed vectors blurs the
 * many synonyms of each shape and colour into their neighbours. Overall Recall@1 drops from 0.81 to 0.63, and on the
 * emoji set, where 1,906 names must be told apart, from 0.27 to 0.02: a frozen encoder is only as
 * good as the distinctions its training text happened to make.
 */
import type { Vocabulary } from './vocabulary';

export const GLOVE_FILES = { words: 'words.json', vectors: 'vectors.bin' } as const;

/** A table of word vectors. */
export interface WordVectors {
  readonly dim: number;
  readonly words: readonly string[];
  /** The word's vector (a fresh Float32Array), or undefined when the table does not have it. */
  vector(word: string): Float32Array | undefined;
}

/**
 * words: the parsed words.json ({ dim, count, words }); binary: float32 scales [count] then int8
 * values [count, dim]. Throws a readable Error when they do not fit together.
 */
export function parseWordVectors(words: unknown, binary: Uint8Array): WordVectors {
  const meta = words as { dim?: unknown; count?: unknown; words?: unknown } | null;
  const dim = Number(meta?.dim);
  const list = meta?.words;
  if (!Number.isInteger(dim) || dim <= 0 || !Array.isArray(list) || list.length !== meta?.count) {
    throw new Error('GloVe words.json is malformed');
  }
  const n = list.length;
  if (binary.length !== n * 4 + n * dim) {
    throw new Error(`GloVe vectors file holds ${binary.length} bytes, expected ${n * 4 + n * dim}`);
  }
  // Copy so the views are aligned whatever offset the caller's bytes start at.
  const buffer = binary.slice().buffer;
  const scales = new Float32Array(buffer, 0, n);
  const values = new Int8Array(buffer, n * 4, n * dim);
  const index = new Map<string, number>(list.map((w, i) => [String(w), i]));
  return {
    dim,
    words: list as string[],
    vector(word) {
      const i = index.get(word);
      if (i === undefined) return undefined;
      const out = new Float32Array(dim);
      const s = scales[i];
      for (let k = 0; k < dim; k++) out[k] = s * values[i * dim + k];
      return out;
    },
  };
}

/** Reads the trimmed GloVe files through `read(name)` (fetch in the browser, readFile in Node). */
export async function loadGlove(read: (name: string) => Promise<Uint8Array>): Promise<WordVectors> {
  const [words, vectors] = await Promise.all([read(GLOVE_FILES.words), read(GLOVE_FILES.vectors)]);
  return parseWordVectors(JSON.parse(new TextDecoder().decode(words)), vectors);
}

export function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] ** 2;
    nb += b[i] ** 2;
  }
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
}

/** Word vectors lined up with a vocabulary: what a frozen text encoder reads. */
export interface VocabularyVectors {
  readonly dim: number;
  /** [V, dim]: row w is word w's vector, zeros for special tokens and words the table lacks. */
  readonly matrix: Float32Array;
  /** [V]: 1 where the table has the word. */
  readonly known: Uint8Array;
  /** How many of the vocabulary's words (specials excluded) the table has. */
  readonly coverage: { readonly known: number; readonly total: number };
}

/** The rows of `table` for each word of `vocab` (special tokens and unknown words get zero rows). */
export function vocabularyVectors(vocab: Vocabulary, table: WordVectors): VocabularyVectors {
  const V = vocab.words.length;
  const matrix = new Float32Array(V * table.dim);
  const known = new Uint8Array(V);
  let count = 0;
  vocab.words.forEach((w, i) => {
    // The first four words are <pad>, <unk>, <s>, </s>.
    const v = i >= 4 ? table.vector(w) : undefined;
    if (!v) return;
    matrix.set(v, i * table.dim);
    known[i] = 1;
    count++;
  });
  return { dim: table.dim, matrix, known, coverage: { known: count, total: Math.max(0, V - 4) } };
}

/**
 * The mean of the known words' vectors of each caption: [captions.length, dim] row-major. A caption
 * with no known word gets a zero row (the projection head then sees only its bias).
 */
export function meanWordVectors(
  vectors: VocabularyVectors,
  captionIds: readonly ArrayLike<number>[],
): Float32Array {
  const { dim, matrix, known } = vectors;
  const out = new Float32Array(captionIds.length * dim);
  captionIds.forEach((ids, r) => {
    let n = 0;
    for (let t = 0; t < ids.length; t++) {
      const id = ids[t];
      if (known[id] !== 1) continue;
      n++;
      for (let k = 0; k < dim; k++) out[r * dim + k] = out[r * dim + k] + matrix[id * dim + k];
    }
    if (n > 1) for (let k = 0; k < dim; k++) out[r * dim + k] = out[r * dim + k] / n;
  });
  return out;
}
