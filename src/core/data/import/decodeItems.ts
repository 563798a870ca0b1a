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
}

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
  const images = new Uint8Array(items.length * IMAGE_LENGTH);
  const thumbnails = options.thumbnails ? new Uint8ClampedArray(items.length * thumbLength) : undefined;
  const captions: (readonly string[])[] = [];
  const paths: string[] = [];
  const rejected: Rejection[] = [...parsed.rejected];
  const sounds: (Int16Array | null)[] = [];
  const soundDecoder = options.soundDecoder ?? createSoundDecoder();
  for (let i = 0; i < items.length; i++) {
    if (options.signal?.aborted) throw new ImportCancelled();
    const item = items[i];
    // The sound first (no pixels are drawn for an image whose sound is refused); it goes with its image.
    const sound = item.audio ? await soundDecoder.decode(item.audio.bytes) : null;
    if (item.audio && sound && !sound.ok) {
      rejected.push({
        path: item.audio.path,
        reason: sound.reason,
        detail: `${sound.detail}; its image '${item.path}' is left out with it`,
      });
      options.onProgress?.({ done: i + 1, total: items.length });
      continue;
    }
    try {
      const decoded = await decoder.decode(item.bytes, item.mime, { thumbnail: options.thumbnails === true });
      if (decoded.pixels.length !== IMAGE_LENGTH)
        throw new Error(`decoder returned ${decoded.pixels.length} values`);
      const row = paths.length;
      const offset = row * IMAGE_LENGTH;
      // Decoders draw 8-bit pixels (value / 255): rounding gives back the same bytes.
      for (let p = 0; p < IMAGE_LENGTH; p++)
        images[offset + p] = Math.round(Math.min(1, Math.max(0, decoded.pixels[p])) * 255);
      if (thumbnails && decoded.thumbnail?.length === thumbLength)
        thumbnails.set(decoded.thumbnail, row * thumbLength);
      captions.push(item.captions);
      paths.push(item.path);
      sounds.push(sound?.ok ? toInt16(sound.wave) : null);
    } catch (e) {
      const message = e instanceof Error ? e.message.slice(0, 160) : 'unknown error';
      rejected.push(
        e instanceof UnsupportedImageError
          ? { path: item.path, reason: 'unsupported-type', detail: message }
          : { path: item.path, reason: 'undecodable', detail: `could not be decoded (${message})` },
      );
    }
    options.onProgress?.({ done: i + 1, total: items.length });
  }
  const n = paths.length;
  return {
    size: n,
    images: n === items.length ? images : images.slice(0, n * IMAGE_LENGTH),
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
