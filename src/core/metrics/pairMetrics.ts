import { embeddings, type Embeddings } from './embeddings';
import { coneCosine, modalityGap, pairCosine } from './gap';
import { alignment, uniformity } from './alignmentUniformity';
import { retrievalRanks, type RecallScores, type RetrievalRanks } from './recall';
import { splitMetrics as gapSplitMetrics } from './gapMetrics';
import { pairModalities, modalityPairs, type Modality, type PairKey } from '../data/modalities';

/** One split (seen or held-out) of a pair: its gap, and retrieval both ways, `a` and `b` in key order. */
export interface PairSplitMetrics {
  /** Number of query items in this split. */
  count: number;
  gap: number;
  alignment: number;
  pairCosine: number;
  /** Query in the key's first modality, gallery in its second ('image-audio': image → sound). */
  a2b: RecallScores;
  /** Query in the key's second modality, gallery in its first. */
  b2a: RecallScores;
}

/** The heterogeneity-gap metrics of one pair of modalities over the whole evaluation set. */
export interface PairMetrics {
  gap: number;
  alignment: number;
  pairCosine: number;
  seen: PairSplitMetrics;
  heldOut: PairSplitMetrics;
  /** Which gallery items count as a hit: 'same key' (every attribute) or 'same shape, colour, size'. */
  hitRule: string;
}

/** Per-pair and per-modality metrics of a run with any number of modalities (see SOUND_API.md). */
export interface ModalityMetrics {
  /** The run's modalities, in canonical order. */
  modalities: Modality[];
  /** One entry per pair of `modalities`, keyed in canonical order ('image-text', 'image-audio', ...). */
  pairs: Partial<Record<PairKey, PairMetrics>>;
  /** Each modality's cone (mean cosine between different items; see coneCosine). */
  cones: Partial<Record<Modality, number>>;
  /** Each modality's uniformity (Wang & Isola 2020; lower is more uniform). */
  uniformity: Partial<Record<Modality, number>>;
}

/** How hits are judged for one pair: a semantic key per evaluation item, and the rule in words. */
export interface HitKeys {
  readonly keys: readonly string[];
  readonly rule: string;
}

/**
 * codes: each modality's [n * d] row-major L2-normalised codes, row i of each from item i. hits: the
 * semantic keys of each pair (pairs with sound are judged only on what the sound carries).
 * heldOut: 1 for items whose combination was held out of training (absent: all are 'seen').
 */
export function computeModalityMetrics(
  modalities: readonly Modality[],
  codes: Partial<Record<Modality, Float32Array>>,
  d: number,
  hits: (pair: PairKey) => HitKeys,
  heldOut?: Uint8Array,
): ModalityMetrics {
  const emb: Partial<Record<Modality, Embeddings>> = {};
  for (const m of modalities) {
    const data = codes[m];
    if (!data) throw new Error(`computeModalityMetrics: no ${m} codes`);
    emb[m] = embeddings(data, d);
  }
  const pairs: Partial<Record<PairKey, PairMetrics>> = {};
  for (const key of modalityPairs(modalities)) {
    const [a, b] = pairModalities(key);
    pairs[key] = pairMetrics(emb[a] as Embeddings, emb[b] as Embeddings, hits(key), heldOut);
  }
  const cones: Partial<Record<Modality, number>> = {};
  const uniform: Partial<Record<Modality, number>> = {};
  for (const m of modalities) {
    cones[m] = coneCosine(emb[m] as Embeddings);
    uniform[m] = uniformity(emb[m] as Embeddings);
  }
  return { modalities: [...modalities], pairs, cones, uniformity: uniform };
}

/** x, y: the pair's two modalities, row i of each from item i. */
export function pairMetrics(x: Embeddings, y: Embeddings, hits: HitKeys, heldOut?: Uint8Array): PairMetrics {
  const seenRows: number[] = [];
  const heldRows: number[] = [];
  for (let i = 0; i < x.n; i++) (heldOut && heldOut[i] ? heldRows : seenRows).push(i);
  const ranks = retrievalRanks(x, y, hits.keys);
  return {
    gap: modalityGap(x, y),
    alignment: alignment(x, y),
    pairCosine: pairCosine(x, y),
    seen: splitMetrics(x, y, hits.keys, seenRows, ranks),
    heldOut: splitMetrics(x, y, hits.keys, heldRows, ranks),
    hitRule: hits.rule,
  };
}

/** The image–text split metrics with directions named by the pair's order (a2b: a queries b). */
function splitMetrics(
  x: Embeddings,
  y: Embeddings,
  keys: readonly string[],
  rows: number[],
  allRanks: RetrievalRanks,
): PairSplitMetrics {
  const { i2t, t2i, ...rest } = gapSplitMetrics(x, y, keys, rows, allRanks);
  return { ...rest, a2b: i2t, b2a: t2i };
}
