/**
 * Reading precomputed embeddings of two modalities for the same items from a folder's or a zip's files:
 *  - one `vectors.tsv` holding both modalities and a `metadata.tsv` with a `modality` column (and, where
 *    rows are not in the same order in both, a `pair` column): the playground's own Projector export and
 *    the PyTorch export's `--embeddings-out`;
 *  - two vector files, `.tsv` or `.npy`, one per modality (named after it: image.npy, text.npy), with an
 *    optional `metadata.tsv` of one row per pair (or one per point, with a `modality` column).
 * The metadata's `key` (or `label`) column gives the semantic keys of retrieval; `caption` labels points.
 */
import type { EmbeddingFile, EmbeddingPairs } from './embeddingPairs';
import { parseNpy } from './npy';
import {
  columnOf,
  parseMetadataTsv,
  parseVectorsTsv,
  type MetadataTable,
  type VectorRows,
} from './projectorTsv';
import { assemblePairs, type Modality } from './assemblePairs';

const baseName = (path: string) => path.split('/').pop() ?? path;
const isMetadata = (path: string) => /metadata[^/]*\.tsv$/i.test(baseName(path));
const isVectors = (path: string) => /\.(tsv|npy)$/i.test(path) && !isMetadata(path);

function readVectors(file: EmbeddingFile): VectorRows {
  if (/\.npy$/i.test(file.path)) return parseNpy(file.bytes, file.path);
  return parseVectorsTsv(new TextDecoder().decode(file.bytes), file.path);
}

/** A modality's name from its file: the stem without 'vectors'/'embeddings', or its folder when that is all. */
function modalityName(path: string): string {
  const parts = path.split('/');
  const stem = parts[parts.length - 1]
    .replace(/\.(tsv|npy)$/i, '')
    .replace(/[-_. ]?(vectors|embeddings|embeds|emb|features)$/i, '');
  return stem !== '' ? stem : (parts[parts.length - 2] ?? path);
}

/** Images (or vision) first, as the app draws them; otherwise in the order of their names. */
function imageFirst(a: string, b: string): number {
  const vision = (s: string) => (/(image|img|vision|photo|picture)/i.test(s) ? 0 : 1);
  return vision(a) - vision(b) || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * The pairs in `files` (zip archives already expanded). Throws an Error that says what is missing or
 * inconsistent and how the files should look.
 */
export function readPairs(files: readonly EmbeddingFile[]): EmbeddingPairs {
  const vectorFiles = files.filter((f) => isVectors(f.path));
  const metadataFiles = files.filter((f) => isMetadata(f.path));
  const notes: string[] = [];
  const leftAside = files.filter((f) => !isVectors(f.path) && !isMetadata(f.path)).map((f) => f.path);
  if (leftAside.length > 0)
    notes.push(`not read: ${leftAside.slice(0, 5).join(', ')}${leftAside.length > 5 ? ' …' : ''}`);
  if (vectorFiles.length === 0) {
    throw new Error(
      'No embeddings found: expected a vectors.tsv with a metadata.tsv (with a modality column), ' +
        'or two .npy or .tsv files, one per modality (image.npy and text.npy).',
    );
  }
  if (vectorFiles.length > 2) {
    throw new Error(
      `Found ${vectorFiles.length} vector files (${vectorFiles.map((f) => f.path).join(', ')}): ` +
        'give one vectors.tsv with a metadata.tsv, or two files, one per modality.',
    );
  }
  if (metadataFiles.length > 1)
    throw new Error(
      `Found ${metadataFiles.length} metadata files (${metadataFiles.map((f) => f.path).join(', ')}): give one.`,
    );
  const metaFile = metadataFiles[0];
  const metadata: MetadataTable | null = metaFile
    ? parseMetadataTsv(new TextDecoder().decode(metaFile.bytes))
    : null;
  const sources = [...vectorFiles.map((f) => f.path), ...(metaFile ? [metaFile.path] : [])];

  if (vectorFiles.length === 1) {
    const file = vectorFiles[0];
    const all = readVectors(file);
    const modality = metadata ? columnOf(metadata, 'modality') : null;
    if (!metadata || !modality) {
      throw new Error(
        `${file.path} holds one set of vectors: a metadata.tsv with a 'modality' column must say which rows ` +
          'are which modality (or give two files, one per modality).',
      );
    }
    if (metadata.rows.length !== all.rows) {
      throw new Error(
        `${metaFile.path} describes ${metadata.rows.length} points but ${file.path} has ${all.rows} rows: ` +
          'they must match line for line.',
      );
    }
    const values = [...new Set(modality)];
    if (values.length !== 2) {
      throw new Error(
        `The 'modality' column of ${metaFile.path} has ${values.length} value(s) (${values.slice(0, 5).join(', ')}); two are needed.`,
      );
    }
    const pairColumn = columnOf(metadata, 'pair');
    const split = (value: string): Modality => {
      const rows: number[] = [];
      modality.forEach((m, i) => m === value && rows.push(i));
      return { name: value, vectors: all, rows, source: file.path };
    };
    return assemblePairs([split(values[0]), split(values[1])], metadata, pairColumn, sources, notes);
  }

  const [first, second] = vectorFiles
    .map((f) => ({ file: f, name: modalityName(f.path) }))
    .sort((p, q) => imageFirst(p.name, q.name));
  if (first.name === second.name) {
    throw new Error(
      `Cannot tell the modalities of ${first.file.path} and ${second.file.path} apart: name the files after them (image.npy, text.npy).`,
    );
  }
  const modalities = [first, second].map(({ file, name }): Modality => {
    const vectors = readVectors(file);
    return { name, vectors, rows: Array.from({ length: vectors.rows }, (_, i) => i), source: file.path };
  });
  const [ma, mb] = modalities;
  if (ma.vectors.rows !== mb.vectors.rows) {
    throw new Error(
      `${ma.source} has ${ma.vectors.rows} rows but ${mb.source} has ${mb.vectors.rows}: row i of each must be item i.`,
    );
  }
  let perPair = metadata;
  if (metadata && metaFile) {
    const n = ma.vectors.rows;
    const modality = columnOf(metadata, 'modality');
    if (metadata.rows.length === 2 * n && modality) {
      // One row per point: keep the first modality's rows, which describe the pairs in order.
      const firstValue = modality[0];
      perPair = {
        columns: metadata.columns,
        rows: metadata.rows.filter((_, i) => modality[i] === firstValue),
      };
    }
    if (perPair?.rows.length !== n) {
      throw new Error(
        `${metaFile.path} has ${metadata.rows.length} rows but there are ${n} pairs: give one row per pair ` +
          '(or one per point, with a modality column).',
      );
    }
  }
  return assemblePairs([ma, mb], perPair, null, sources, notes);
}
