/**
 * `--data PATH|emoji` for the headless runner: a folder or .zip of the user's own pairs (the same
 * conventions and validation as the app's import), or the built-in emoji set by name. Also reads the
 * trimmed GloVe vectors from disk when the config asks for the 'glove' text encoder.
 */
import { lstat, readdir, readFile } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExperimentConfig } from '../core/experiment/config';
import type { PairDataset } from '../core/data/pairs';
import { emojiDataset, loadEmojiFiles } from '../core/data/emoji';
import { loadGlove, type WordVectors } from '../core/text/glove';
import {
  DEFAULT_LIMITS,
  datasetName,
  decodeItems,
  formatReport,
  parseImport,
  toDataset,
  type ImportEntry,
  type ImportSummary,
} from '../core/data/import';
import { nodeImageDecoder } from './nodeImageDecoder';

/** public/data/ of this checkout, wherever the runner is started from. */
const PUBLIC_DATA = fileURLToPath(new URL('../../public/data/', import.meta.url));

export interface LoadedData {
  readonly dataset: PairDataset;
  /** What the runner's JSON says about the data (source, styles, sizes, import summary). */
  readonly info: Record<string, unknown>;
  /** The validation report: one line per rejected item, then the summary (empty for the emoji set). */
  readonly report: readonly string[];
}

const readFrom = (folder: string) => async (name: string) =>
  new Uint8Array(await readFile(join(folder, name)));

/** Every regular file under `root` (symbolic links are not followed), at most `limit` of them. */
async function walk(root: string, limit: number): Promise<ImportEntry[]> {
  const out: ImportEntry[] = [];
  const visit = async (dir: string): Promise<void> => {
    for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    )) {
      if (out.length >= limit) return;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) await visit(full);
      else if (entry.isFile())
        out.push({ path: relative(root, full), bytes: new Uint8Array(await readFile(full)) });
    }
  };
  await visit(root);
  return out;
}

async function importFrom(path: string, config: ExperimentConfig): Promise<LoadedData> {
  const stat = await lstat(path);
  // One more than the limit, so that the importer itself reports 'too many files'.
  const entries = stat.isDirectory()
    ? await walk(path, DEFAULT_LIMITS.maxFiles + 1)
    : [{ path: basename(path), bytes: new Uint8Array(await readFile(path)) }];
  const parsed = parseImport(entries);
  const pairs = await decodeItems(parsed, nodeImageDecoder);
  const report = [...formatReport(pairs), ...parsed.notes.map((n) => `note ${n.path}: ${n.note}`)];
  const dataset = toDataset(pairs, {
    seed: config.seed,
    evalFraction: config.evalShare,
    name: stat.isDirectory() ? basename(path) : datasetName([basename(path)]),
  });
  const summary: ImportSummary = pairs.summary;
  return {
    dataset,
    report,
    info: {
      source: path,
      name: dataset.name,
      trainImages: dataset.train.size,
      evalImages: dataset.eval.size,
      split: `seeded ${dataset.train.size}/${dataset.eval.size} by image (evaluation share ${config.evalShare}); semantic key = image path`,
      import: summary,
    },
  };
}

/** The dataset `--data` names; throws a readable Error when it cannot be loaded. */
export async function loadData(spec: string, config: ExperimentConfig): Promise<LoadedData> {
  if (spec === 'emoji') {
    const files = await loadEmojiFiles(readFrom(join(PUBLIC_DATA, 'emoji')));
    const dataset = emojiDataset(files, { seed: config.seed, evalSize: config.evalSize });
    return {
      dataset,
      report: [],
      info: {
        source: 'emoji',
        name: dataset.name,
        trainStyle: dataset.trainStyle.name,
        evalStyle: dataset.evalStyle.name,
        trainImages: dataset.train.size,
        evalImages: dataset.eval.size,
        heldOutEmoji: dataset.heldOutCodes.length,
        split: `train on ${dataset.trainStyle.name}, evaluate on ${dataset.evalStyle.name}; 'heldOut' = emoji never trained on in any style`,
      },
    };
  }
  return importFrom(spec, config);
}

/** The trimmed GloVe vectors from public/data/glove/. */
export function loadGloveFromDisk(): Promise<WordVectors> {
  return loadGlove(readFrom(join(PUBLIC_DATA, 'glove')));
}
