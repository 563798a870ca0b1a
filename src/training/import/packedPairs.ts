/**
 * Imported pairs with their heavy columns packed in Blobs: the pixel bytes in one, the captions and the
 * paths as JSON in others. The page stores and forwards a Blob by reference (IndexedDB keeps its bytes
 * outside the page's heap, postMessage hands over a handle), so a 20,000-pair import costs the UI thread
 * no copy of its ~60 MB of pixels and no clone of its 40,000 strings, when it is saved, sent to the
 * training worker, or read back after a reload. The import worker packs; the training worker unpacks.
 */
import { IMAGE_LENGTH } from '../../core/data/pairs';

/** The columns as the importer makes them and the trainer reads them. */
export interface Columns {
  /** [size, 32, 32, 3] RGB bytes. */
  readonly images: Uint8Array;
  /** [size] each image's captions (one or more). */
  readonly captions: readonly (readonly string[])[];
  /** [size] each image's path in the import. */
  readonly paths: readonly string[];
}

/** The same columns, each as it is or packed (a Blob of bytes, or of UTF-8 JSON). */
export interface MaybePackedColumns {
  readonly images: Uint8Array | Blob;
  readonly captions: readonly (readonly string[])[] | Blob;
  readonly paths: readonly string[] | Blob;
}

export interface PackedColumns extends MaybePackedColumns {
  readonly images: Blob;
  readonly captions: Blob;
  readonly paths: Blob;
}

/**
 * Packs the columns. Blob copies the bytes it is given, so the caller's arrays may be dropped or reused.
 * Images packed already (a Blob of the bytes, as `imageSink` gathers them) are kept as they are.
 * `keepPaths`: leave the paths as an array (an import with sound: the page names an item's sound by it).
 */
export function packColumns(
  columns: Omit<Columns, 'images'> & { readonly images: Uint8Array | Blob },
  keepPaths = false,
): Omit<PackedColumns, 'paths'> & Pick<MaybePackedColumns, 'paths'> {
  return {
    images:
      columns.images instanceof Blob
        ? columns.images
        : new Blob([columns.images as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' }),
    captions: new Blob([JSON.stringify(columns.captions)], { type: 'application/json' }),
    paths: keepPaths
      ? columns.paths
      : new Blob([JSON.stringify(columns.paths)], { type: 'application/json' }),
  };
}

async function jsonColumn(blob: Blob, what: string, size: number): Promise<unknown[]> {
  let value: unknown;
  try {
    value = JSON.parse(await blob.text());
  } catch {
    throw new Error(
      `The stored ${what} of the imported pairs are damaged: they are not JSON. Import the pairs again.`,
    );
  }
  const list: unknown[] | null = Array.isArray(value) ? value : null;
  if (!list || list.length !== size)
    throw new Error(
      `The stored ${what} of the imported pairs are damaged: ${list ? list.length : 'no list of'} ` +
        `${what} for ${size} images. Import the pairs again.`,
    );
  return list;
}

function checkPixels(bytes: number, size: number): void {
  if (bytes !== size * IMAGE_LENGTH)
    throw new Error(
      `The stored pixels of the imported pairs are damaged: ${bytes} bytes for ${size} images ` +
        `(${size * IMAGE_LENGTH} expected). Import the pairs again.`,
    );
}

/**
 * The columns of `size` images, unpacked where packed; rejects with a readable Error when a packed column
 * does not hold `size` rows (storage cut short or altered).
 */
export async function unpackColumns(
  columns: MaybePackedColumns,
  size: number,
): Promise<{ images: Uint8Array; captions: string[][]; paths: string[] }> {
  const images =
    columns.images instanceof Blob ? new Uint8Array(await columns.images.arrayBuffer()) : columns.images;
  checkPixels(images.length, size);
  return { images, ...(await unpackTexts(columns, size)) };
}

/** Images read from a Blob at a time when gathering: 4,096 × 3,072 bytes = 12.6 MB. */
const GATHER_CHUNK = 4096;

/**
 * Rows `groups[g]` of the image column of `size` images, one byte array per group ([rows, 32, 32, 3]).
 * A Blob is read a chunk of rows at a time, so the whole column is never held beside the groups (a row
 * in no group is read and dropped). Rejects like unpackColumns when the column is not `size` images long.
 */
export async function gatherImages(
  images: Uint8Array | Blob,
  size: number,
  groups: readonly Int32Array[],
  chunk = GATHER_CHUNK,
): Promise<Uint8Array[]> {
  checkPixels(images instanceof Blob ? images.size : images.length, size);
  // Where each row goes: group and position, or -1 for a row no group takes.
  const group = new Int32Array(size).fill(-1);
  const at = new Int32Array(size);
  groups.forEach((rows, g) =>
    rows.forEach((r, i) => {
      group[r] = g;
      at[r] = i;
    }),
  );
  const out = groups.map((rows) => new Uint8Array(rows.length * IMAGE_LENGTH));
  for (let start = 0; start < size; start += chunk) {
    const end = Math.min(size, start + chunk);
    const bytes =
      images instanceof Blob
        ? new Uint8Array(await images.slice(start * IMAGE_LENGTH, end * IMAGE_LENGTH).arrayBuffer())
        : images.subarray(start * IMAGE_LENGTH, end * IMAGE_LENGTH);
    for (let r = start; r < end; r++) {
      if (group[r] < 0) continue;
      const from = (r - start) * IMAGE_LENGTH;
      out[group[r]].set(bytes.subarray(from, from + IMAGE_LENGTH), at[r] * IMAGE_LENGTH);
    }
  }
  return out;
}

/** The captions and paths of `size` images, unpacked where packed; rejects like unpackColumns. */
export async function unpackTexts(
  columns: Pick<MaybePackedColumns, 'captions' | 'paths'>,
  size: number,
): Promise<{ captions: string[][]; paths: string[] }> {
  const captions =
    columns.captions instanceof Blob
      ? ((await jsonColumn(columns.captions, 'captions', size)) as string[][])
      : (columns.captions as string[][]);
  const paths =
    columns.paths instanceof Blob
      ? ((await jsonColumn(columns.paths, 'paths', size)) as string[])
      : (columns.paths as string[]);
  return { captions, paths };
}
