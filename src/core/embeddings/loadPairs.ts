/**
 * Files as a user gives them (a folder's files, or zip archives of them) -> EmbeddingPairs. Zips are
 * expanded with the importer's defences (no unsafe paths, decompression bombs stopped), with room for
 * embedding files: 100,000 pairs of 512-d float32 vectors are ~400 MB.
 */
import { expandZip } from '../data/import/zip';
import { DEFAULT_LIMITS, type ImportLimits } from '../data/import/types';
import type { EmbeddingFile, EmbeddingPairs } from './embeddingPairs';
import { readPairs } from './readPairs';

export const EMBEDDING_ZIP_LIMITS: ImportLimits = {
  ...DEFAULT_LIMITS,
  maxZipEntryBytes: 1024 * 1024 * 1024,
  maxZipTotalBytes: 2 * 1024 * 1024 * 1024,
};

/** The pairs in `files`, zip archives expanded first. Throws a readable Error (see readPairs). */
export function loadPairs(files: readonly EmbeddingFile[]): EmbeddingPairs {
  const expanded: EmbeddingFile[] = [];
  for (const file of files) {
    if (!/\.zip$/i.test(file.path)) {
      expanded.push(file);
      continue;
    }
    const zip = expandZip(file, EMBEDDING_ZIP_LIMITS);
    // Hidden files (a Mac's __MACOSX/._vectors.tsv) are not the user's vectors; any other refusal is.
    const problem = zip.rejected.find((r) => r.reason !== 'hidden-file' && /\.(tsv|npy)$/i.test(r.path));
    if (problem) throw new Error(`${problem.path} ${problem.detail}`);
    expanded.push(...zip.entries);
  }
  return readPairs(expanded);
}
