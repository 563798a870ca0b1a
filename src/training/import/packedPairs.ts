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
 * `keepPaths`: leave the paths as an array (an import with sound: the page names an item's sound by it).
 */
export function packColumns(
  columns: Columns,
  keepPaths = false,
): Omit<PackedColumns, 'paths'> & Pick<MaybePackedColumns, 'paths'> {
  return {
    images: new Blob([columns.images as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' }),
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
  if (images.length !== size * IMAGE_LENGTH)
    throw new Error(
      `The stored pixels of the imported pairs are damaged: ${images.length} bytes for ${size} images ` +
        `(${size * IMAGE_LENGTH} expected). Import the pairs again.`,
    );
  const captions =
    columns.captions instanceof Blob
      ? ((await jsonColumn(columns.captions, 'captions', size)) as string[][])
      : (columns.captions as string[][]);
  const paths =
    columns.paths instanceof Blob
      ? ((await jsonColumn(columns.paths, 'paths', size)) as string[])
      : (columns.paths as string[]);
  return { images, captions, paths };
}
