/**
 * `--embeddings PATH`: measure precomputed embeddings of two modalities instead of training. PATH is a
 * folder (its .tsv, .npy and .zip files, in subfolders too) or a .zip of such files. The JSON has the
 * shape of a run's, less what training adds: `final` holds the metrics, and nothing was trained.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import type { EmbeddingFile } from '../core/embeddings/embeddingPairs';
import { loadPairs } from '../core/embeddings/loadPairs';
import { embeddingMetrics, type EmbeddingMetrics } from '../core/embeddings/pairMetrics';
import { shiftSweep, type ShiftSweep } from '../core/embeddings/shift';

export interface EmbeddingsResult {
  /** Always false: the numbers describe the files as they are. */
  trained: false;
  data: { embeddings: string; files: readonly string[]; notes: readonly string[] };
  seconds: number;
  final: EmbeddingMetrics;
  /** With --shift: the gap and retrieval with the first modality moved along the gap vector. */
  shift?: ShiftSweep;
}

/** Files a folder of embeddings may hold; others (a sprite, a config) are not read at all. */
const WANTED = /\.(tsv|npy|zip)$/i;

async function filesIn(root: string): Promise<EmbeddingFile[]> {
  const out: EmbeddingFile[] = [];
  const visit = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) await visit(full);
      else if (entry.isFile() && WANTED.test(entry.name))
        out.push({ path: relative(root, full), bytes: new Uint8Array(await readFile(full)) });
    }
  };
  await visit(root);
  return out;
}

/** Reads PATH and measures it; `shift` fractions add the shift experiment. Throws a readable Error. */
export async function runEmbeddings(
  path: string,
  shift: readonly number[] | undefined,
  log: (line: string) => void,
): Promise<EmbeddingsResult> {
  const t0 = performance.now();
  const info = await stat(path).catch(() => {
    throw new Error(`--embeddings ${path}: no such file or folder`);
  });
  let files: EmbeddingFile[];
  if (info.isDirectory()) files = await filesIn(path);
  else if (/\.zip$/i.test(path))
    files = [{ path: basename(path), bytes: new Uint8Array(await readFile(path)) }];
  else throw new Error(`--embeddings ${path}: give the folder that holds the files, or a .zip of them`);
  const pairs = loadPairs(files);
  log(
    `${pairs.n} pairs: ${pairs.names[0]} ${pairs.dims[0]}-d, ${pairs.names[1]} ${pairs.dims[1]}-d ` +
      `(${pairs.sources.join(', ')}); nothing trained`,
  );
  for (const note of pairs.notes) log(note);
  const final = embeddingMetrics(pairs);
  for (const [measure, why] of Object.entries(final.unavailable ?? {})) log(`${measure}: ${why}`);
  const result: EmbeddingsResult = {
    trained: false,
    data: { embeddings: path, files: pairs.sources, notes: pairs.notes },
    seconds: 0,
    final,
  };
  if (shift) result.shift = shiftSweep(pairs, shift);
  result.seconds = Math.round((performance.now() - t0) / 10) / 100;
  return result;
}
