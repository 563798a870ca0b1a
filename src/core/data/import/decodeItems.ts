/**
 * The second pass of an import: decoding every kept image to the model's input. Images the decoder
 * cannot read join the rejections (nothing is dropped silently); progress is reported and the work can be
 * cancelled between images.
 */
import { IMAGE_LENGTH } from '../pairs';
import { createSoundDecoder, toInt16, type SoundDecoder } from '../../audio/decodeWav';
import { THUMBNAIL_SIZE, UnsupportedImageError, type ImageDecoder } from './decoder';
import { byPath, summarise } from './summary';
import type { ImportResult, ImportSummary, ListedNotDropped, Rejection } from './types';

/** Imported pairs in columns, ready to become a dataset (see toDataset.ts) or to be stored. */
export interface ImportedPairs {
  /** Number of images. */
  readonly size: number;
  /**
   * [size, 32, 32, 3] RGB bytes (0–255): a quarter of the floats' memory, so a large import can be held,
   * sent and stored as it is; toDataset turns rows into floats in [0, 1] (`value / 255`).
   */
  readonly images: Uint8Array;
  /** One or more captions per image. */
  readonly captions: readonly (readonly string[])[];
  /** Each image's path in the import (its identity). */
  readonly paths: readonly string[];
  /** [size, 64, 64, 4] RGBA bytes, when thumbnails were asked for. */
  readonly thumbnails?: Uint8ClampedArray;
  /**
   * Each image's sound as 16 kHz mono 16-bit samples (fromInt16 gives floats for playback; toDataset
   * computes the features), null for an image without one; present when any image has sound.
   */
  readonly sounds?: readonly (Int16Array | null)[];
  /** Everything rejected, by parsing and by decoding. */
  readonly rejected: readonly Rejection[];
  /** Images metadata lists that were not given (not rejections). */
  readonly notDropped: readonly ListedNotDropped[];
  readonly summary: ImportSummary;
}

export interface DecodeProgress {
  readonly done: number;
  readonly total: number;
}

export interface DecodeItemsOptions {
  readonly thumbnails?: boolean;
  /** Called after each image (the caller throttles if it posts messages). */
  readonly onProgress?: (p: DecodeProgress) => void;
  /** Checked between images; when it reports aborted, decoding stops and the promise rejects with 'cancelled'. */
  readonly signal?: { readonly aborted: boolean };
  /** Decodes the sounds rows name; default: WAV only (see createSoundDecoder). */
  readonly soundDecoder?: SoundDecoder;
  /**
   * Pictures decoded at once (default 1): a browser decoder waits on other threads, so a few in flight
   * keep them busy. Results are kept in the items' order whatever the order they finish in.
   */
  readonly concurrency?: number;
  /**
   * Takes the kept images' bytes as they are decoded, in order, `sinkRows` images at a time (the last
   * chunk shorter); the result's `images` is then empty. The array handed over is reused for the next
   * chunk, so the sink copies what it keeps (a Blob does): an import packed this way never holds its
   * whole pixel column (307 MB at 100,000 pairs) beside the packed copy.
   */
  readonly imageSink?: (rows: Uint8Array) => void;
  /** Images per chunk handed to `imageSink`; default 4,096 (12.6 MB). */
  readonly sinkRows?: number;
}

/** The decoded pixels in flight stay under one largest allowed picture's (see ImportLimits.maxPixels). */
const PIXELS_IN_FLIGHT = 40_000_000;

type Decoded =
  | { readonly kind: 'sound-refused'; readonly rejection: Rejection }
  | {
      readonly kind: 'image';
      readonly pixels: Float32Array;
      readonly thumbnail?: Uint8ClampedArray;
      readonly sound: Int16Array | null;
    }
  | { readonly kind: 'image-refused'; readonly rejection: Rejection };

export class ImportCancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

export async function decodeItems(
  parsed: ImportResult,
  decoder: ImageDecoder,
  options: DecodeItemsOptions = {},
): Promise<ImportedPairs> {
  const { items } = parsed;
  const thumbLength = THUMBNAIL_SIZE * THUMBNAIL_SIZE * 4;
  const { imageSink } = options;
  const sinkRows = Math.max(1, Math.floor(options.sinkRows ?? 4096));
  // With a sink, one chunk of rows at a time; without, the whole column.
  const images = new Uint8Array((imageSink ? Math.min(sinkRows, items.length) : items.length) * IMAGE_LENGTH);
  const thumbnails = options.thumbnails ? new Uint8ClampedArray(items.length * thumbLength) : undefined;
  const captions: (readonly string[])[] = [];
  const paths: string[] = [];
  const rejected: Rejection[] = [...parsed.rejected];
  const sounds: (Int16Array | null)[] = [];
  const soundDecoder = options.soundDecoder ?? createSoundDecoder();
  const thumbnail = options.thumbnails === true;
  // The sound first (no pixels are drawn for an image whose sound is refused); it goes with its image.
  const decodeOne = async (item: (typeof items)[number]): Promise<Decoded> => {
    const sound = item.audio ? await soundDecoder.decode(item.audio.bytes) : null;
    if (item.audio && sound && !sound.ok)
      return {
        kind: 'sound-refused',
        rejection: {
          path: item.audio.path,
          reason: sound.reason,
          detail: `${sound.detail}; its image '${item.path}' is left out with it`,
        },
      };
    try {
      const decoded = await decoder.decode(item.bytes, item.mime, { thumbnail });
      if (decoded.pixels.length !== IMAGE_LENGTH)
        throw new Error(`decoder returned ${decoded.pixels.length} values`);
      return { kind: 'image', ...decoded, sound: sound?.ok ? toInt16(sound.wave) : null };
    } catch (e) {
      const message = e instanceof Error ? e.message.slice(0, 160) : 'unknown error';
      return {
        kind: 'image-refused',
        rejection:
          e instanceof UnsupportedImageError
            ? { path: item.path, reason: 'unsupported-type', detail: message }
            : { path: item.path, reason: 'undecodable', detail: `could not be decoded (${message})` },
      };
    }
  };
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 1));
  const pixelsOf = (i: number) => items[i].width * items[i].height;
  const inFlight: Promise<Decoded>[] = [];
  let started = 0;
  let pixels = 0;
  for (let i = 0; i < items.length; i++) {
    if (options.signal?.aborted) throw new ImportCancelled();
    // Read ahead: start the next pictures while the window and the pixel budget allow (always one).
    while (
      started < items.length &&
      (started === i || (started - i < concurrency && pixels + pixelsOf(started) <= PIXELS_IN_FLIGHT))
    ) {
      pixels += pixelsOf(started);
      const next = decodeOne(items[started++]);
      // Handled here too: after a cancel or a failure, pictures still in flight settle unawaited.
      next.catch(() => {});
      inFlight.push(next);
    }
    const result = await (inFlight.shift() as Promise<Decoded>);
    pixels -= pixelsOf(i);
    if (result.kind !== 'image') rejected.push(result.rejection);
    else {
      const row = paths.length;
      const offset = (imageSink ? row % sinkRows : row) * IMAGE_LENGTH;
      // Decoders draw 8-bit pixels (value / 255): rounding gives back the same bytes.
      for (let p = 0; p < IMAGE_LENGTH; p++)
        images[offset + p] = Math.round(Math.min(1, Math.max(0, result.pixels[p])) * 255);
      if (thumbnails && result.thumbnail?.length === thumbLength)
        thumbnails.set(result.thumbnail, row * thumbLength);
      captions.push(items[i].captions);
      paths.push(items[i].path);
      sounds.push(result.sound);
      if (imageSink && paths.length % sinkRows === 0) imageSink(images);
    }
    options.onProgress?.({ done: i + 1, total: items.length });
  }
  const n = paths.length;
  if (imageSink && n % sinkRows > 0) imageSink(images.subarray(0, (n % sinkRows) * IMAGE_LENGTH));
  return {
    size: n,
    images: imageSink ? new Uint8Array(0) : n === items.length ? images : images.slice(0, n * IMAGE_LENGTH),
    captions,
    paths,
    ...(thumbnails
      ? { thumbnails: n === items.length ? thumbnails : thumbnails.slice(0, n * thumbLength) }
      : {}),
    ...(sounds.some((s) => s !== null) ? { sounds } : {}),
    rejected: byPath(rejected),
    notDropped: parsed.notDropped,
    summary: summarise(
      captions.map((c) => ({ captions: c })),
      rejected,
      parsed.notDropped.length,
    ),
  };
}
