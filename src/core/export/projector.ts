/**
 * Embeddings in the format of the TensorFlow Embedding Projector (projector.tensorflow.org): one row
 * per point in `vectors.tsv`, the same rows described in `metadata.tsv` (with a header, since it has
 * several columns), a sprite sheet of thumbnails and a `projector_config.json` that ties them
 * together. The points are the evaluation set twice, images first then captions, so in the Projector
 * the two modalities can be coloured apart and the gap seen from any angle.
 */
import { IMAGE_LENGTH, IMAGE_SIZE } from '../data/pairs';
import { encodePng } from './png';
import { joinRows, tsvCell } from './tsv';

export const PROJECTOR_FILES = {
  vectors: 'vectors.tsv',
  metadata: 'metadata.tsv',
  sprite: 'sprite.png',
  config: 'projector_config.json',
} as const;

export const METADATA_COLUMNS = ['modality', 'caption', 'key', 'split', 'pair'] as const;

export interface ProjectorInput {
  /** Width of the shared space. */
  readonly dim: number;
  /** [n, dim] image-only and text-only codes, row i of each from evaluation pair i. */
  readonly image: Float32Array;
  readonly text: Float32Array;
  /** The caption each pair is scored with. */
  readonly captions: readonly string[];
  /** Semantic key per pair (pairs with equal keys mean the same thing). */
  readonly keys: readonly string[];
  /** 1 where the pair was held out of training. */
  readonly heldOut?: Uint8Array;
  /** [n, 32, 32, 3] RGB bytes: the sprite's image cells. Without them no sprite is written. */
  readonly images?: Uint8Array;
  /** Shown as the tensor's name in the Projector. */
  readonly tensorName?: string;
}

/** Six significant digits: float32 codes carry about seven, and the files stay a third smaller. */
export function formatValue(v: number): string {
  return Number.isFinite(v) ? String(Number(v.toPrecision(6))) : '0';
}

/** Cells of the sprite that stand for captions: a pale shade of the text colour, so they read as text. */
const CAPTION_CELL = [253, 236, 200] as const;

/**
 * The sprite: a square grid of ceil(sqrt(2n)) cells a side, filled row by row in the order of the
 * points (images, then one caption cell per caption); unused cells stay white.
 * Returns [side * 32, side * 32, 3] RGB bytes.
 */
export function spriteSheet(images: Uint8Array, n: number): { pixels: Uint8Array; side: number } {
  if (images.length !== n * IMAGE_LENGTH)
    throw new Error(`spriteSheet: ${images.length} bytes are not ${n} images of 32x32x3`);
  const cells = 2 * n;
  const side = Math.max(1, Math.ceil(Math.sqrt(cells)));
  const width = side * IMAGE_SIZE;
  const pixels = new Uint8Array(width * width * 3).fill(255);
  const row = IMAGE_SIZE * 3;
  for (let c = 0; c < cells; c++) {
    const x0 = (c % side) * IMAGE_SIZE;
    const y0 = Math.floor(c / side) * IMAGE_SIZE;
    for (let y = 0; y < IMAGE_SIZE; y++) {
      const at = ((y0 + y) * width + x0) * 3;
      if (c < n)
        pixels.set(images.subarray(c * IMAGE_LENGTH + y * row, c * IMAGE_LENGTH + (y + 1) * row), at);
      else for (let x = 0; x < IMAGE_SIZE; x++) pixels.set(CAPTION_CELL, at + x * 3);
    }
  }
  return { pixels, side };
}

/** The Projector's files by name, as bytes ready to zip. Throws when the columns disagree in length. */
export function projectorFiles(input: ProjectorInput): Record<string, Uint8Array> {
  const { dim, image, text, captions, keys, heldOut, images } = input;
  const n = captions.length;
  if (image.length !== n * dim || text.length !== n * dim || keys.length !== n) {
    throw new Error(
      `projectorFiles: ${n} captions, ${keys.length} keys, ${image.length / dim} image and ${text.length / dim} caption codes`,
    );
  }
  const vectorRows: string[][] = [];
  for (const codes of [image, text]) {
    for (let i = 0; i < n; i++)
      vectorRows.push(Array.from(codes.subarray(i * dim, (i + 1) * dim), formatValue));
  }
  const split = (i: number) => (heldOut?.[i] === 1 ? 'evaluation (held out)' : 'evaluation');
  const metaRows: string[][] = [[...METADATA_COLUMNS]];
  for (const modality of ['image', 'caption'] as const) {
    for (let i = 0; i < n; i++) {
      metaRows.push([
        modality,
        tsvCell(captions[i] ?? '') || '(empty)',
        tsvCell(keys[i] ?? ''),
        split(i),
        String(i),
      ]);
    }
  }
  const encoder = new TextEncoder();
  const files: Record<string, Uint8Array> = {
    [PROJECTOR_FILES.vectors]: encoder.encode(joinRows(vectorRows, '\t')),
    [PROJECTOR_FILES.metadata]: encoder.encode(joinRows(metaRows, '\t')),
  };
  const embedding: Record<string, unknown> = {
    tensorName: input.tensorName ?? 'Shared space (images, then captions)',
    tensorShape: [2 * n, dim],
    tensorPath: PROJECTOR_FILES.vectors,
    metadataPath: PROJECTOR_FILES.metadata,
  };
  if (images) {
    const { pixels, side } = spriteSheet(images, n);
    files[PROJECTOR_FILES.sprite] = encodePng(pixels, side * IMAGE_SIZE, side * IMAGE_SIZE, 3);
    embedding.sprite = { imagePath: PROJECTOR_FILES.sprite, singleImageDim: [IMAGE_SIZE, IMAGE_SIZE] };
  }
  files[PROJECTOR_FILES.config] = encoder.encode(JSON.stringify({ embeddings: [embedding] }, null, 2) + '\n');
  return files;
}
