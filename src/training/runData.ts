/**
 * The data a run trains on, as the worker finds it: the procedural shapes (generated from the seed), the
 * built-in emoji set and the frozen GloVe vectors (fetched from the page's own folder, so the app works
 * from any sub-path and, through the service worker's precache, offline), or pairs the user imported
 * (sent by the page with the init message). Fetched files are kept for the worker's lifetime.
 */
import type { ExperimentConfig } from '../core/experiment/config';
import type { PairDataset } from '../core/data/pairs';
import { builtInDataset } from '../core/data/datasets';
import { emojiDataset, loadEmojiFiles, type EmojiFiles } from '../core/data/emoji';
import { splitDataset, splitImport, type ImportedPairs, type ToDatasetOptions } from '../core/data/import';
import { cosine, loadGlove, type WordVectors } from '../core/text/glove';
import type { FrozenTextInfo, ImportedData } from './protocol';
import { gatherImages, unpackTexts } from './import/packedPairs';

/** The built-in files' folders, relative to the page. */
const DATA_FOLDERS = { emoji: 'data/emoji/', glove: 'data/glove/' } as const;

/** Word pairs whose GloVe cosines the app shows beside the text-encoder setting. */
export const GLOVE_LESSON_PAIRS: readonly (readonly [string, string])[] = [
  ['left', 'right'],
  ['small', 'large'],
  ['top', 'bottom'],
  ['red', 'blue'],
  ['red', 'banana'],
];

const cache = new Map<string, Promise<unknown>>();

/** Fetches `name` under `folder` of the page at `baseUrl` as bytes; cached, and forgotten if it fails. */
function reader(baseUrl: string, folder: string): (name: string) => Promise<Uint8Array> {
  return async (name) => {
    const url = new URL(folder + name, baseUrl).href;
    const response = await fetch(url);
    if (!response.ok) throw new Error(`Could not load ${folder}${name} (HTTP ${response.status}).`);
    return new Uint8Array(await response.arrayBuffer());
  };
}

function once<T>(key: string, load: () => Promise<T>): Promise<T> {
  let p = cache.get(key) as Promise<T> | undefined;
  if (!p) {
    p = load();
    cache.set(key, p);
    p.catch(() => cache.delete(key));
  }
  return p;
}

export function emojiFiles(baseUrl: string): Promise<EmojiFiles> {
  return once(`emoji ${baseUrl}`, () => loadEmojiFiles(reader(baseUrl, DATA_FOLDERS.emoji)));
}

export function gloveVectors(baseUrl: string): Promise<WordVectors> {
  return once(`glove ${baseUrl}`, () => loadGlove(reader(baseUrl, DATA_FOLDERS.glove)));
}

/**
 * Imported pairs (RGB bytes from the page, packed or not) as a dataset, as toDataset makes it. The pixels
 * are read straight into the two sides' columns, a chunk at a time: the whole import is never held twice.
 */
async function importedDataset(data: ImportedData, options: ToDatasetOptions): Promise<PairDataset> {
  const split = splitImport(data.size, options);
  const [train, evalImages] = await gatherImages(data.images, data.size, [split.train, split.eval]);
  const pairs: Omit<ImportedPairs, 'images'> = {
    size: data.size,
    ...(await unpackTexts(data, data.size)),
    ...(data.sounds ? { sounds: data.sounds } : {}),
    rejected: [],
    notDropped: [],
    summary: {
      pairs: 0,
      images: data.size,
      captions: 0,
      rejected: {} as ImportedPairs['summary']['rejected'],
      rejectedTotal: 0,
    },
  };
  return splitDataset(pairs, split, { train, eval: evalImages }, options);
}

/**
 * The dataset `config` names. Imported data must come with the request; throws a readable Error when
 * it is missing or too small, or when a built-in file cannot be fetched.
 */
export async function runDataset(
  config: ExperimentConfig,
  baseUrl: string,
  data: ImportedData | undefined,
): Promise<PairDataset> {
  switch (config.dataset) {
    case 'shapes':
      return builtInDataset(config);
    case 'emoji':
      return emojiDataset(await emojiFiles(baseUrl), { seed: config.seed, evalSize: config.evalSize });
    case 'imported':
      if (!data) throw new Error('No imported pairs were given: import a folder or choose another dataset.');
      return importedDataset(data, {
        seed: config.seed,
        evalFraction: config.evalShare,
        name: data.name,
      });
  }
}

/** Coverage of the vocabulary by GloVe and the cosines of the lesson's word pairs. */
export function frozenTextInfo(vectors: WordVectors, vocabulary: readonly string[]): FrozenTextInfo {
  const words = vocabulary.slice(4);
  const known = words.filter((w) => vectors.vector(w) !== undefined).length;
  const cosines = GLOVE_LESSON_PAIRS.flatMap(([a, b]) => {
    const va = vectors.vector(a);
    const vb = vectors.vector(b);
    return va && vb ? [{ a, b, cosine: cosine(va, vb) }] : [];
  });
  return { known, total: words.length, cosines };
}
