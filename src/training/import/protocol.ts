/**
 * Messages between the import client (UI thread) and the import worker. Typed arrays travel as
 * transfers, never as copies or `number[][]`. SVG is the one type a worker cannot rasterise
 * (createImageBitmap does not take SVG there), so the worker asks the UI thread to draw each SVG and
 * waits for the answer: a round trip in the same union.
 */
import type { DecodedImage, ImportLimits, ImportNote, ImportedPairs } from '../../core/data/import';
import type { PageDecodedSound } from '../../core/audio/decodeWav';
import type { MaybePackedColumns } from './packedPairs';

/** A file as picked or dropped: a Blob (a File is one; cloned to the worker by reference) or bytes. */
export interface ImportFile {
  readonly path: string;
  readonly data: Blob | Uint8Array;
}

/** 'loading' counts the bytes of a large file as it is read, 'unpacking' an archive's; the others count files. */
export type ImportPhase = 'reading' | 'loading' | 'unpacking' | 'checking' | 'decoding';

export type ImportRequest =
  | {
      readonly type: 'import';
      readonly id: number;
      readonly files: readonly ImportFile[];
      readonly limits?: Partial<ImportLimits>;
      readonly thumbnails: boolean;
      /** Answer with the heavy columns packed in Blobs (see packedPairs.ts), as the page keeps them. */
      readonly pack?: boolean;
    }
  | { readonly type: 'cancel'; readonly id: number }
  | {
      readonly type: 'svg-decoded';
      readonly id: number;
      readonly requestId: number;
      readonly result: DecodedImage | { readonly error: string };
    }
  | {
      readonly type: 'sound-decoded';
      readonly id: number;
      readonly requestId: number;
      readonly result: PageDecodedSound | { readonly error: string };
    };

export type ImportResponse =
  | {
      readonly type: 'progress';
      readonly id: number;
      readonly phase: ImportPhase;
      readonly done: number;
      readonly total: number;
    }
  | {
      readonly type: 'decode-svg';
      readonly id: number;
      readonly requestId: number;
      readonly bytes: Uint8Array;
      readonly thumbnail: boolean;
    }
  | {
      /** A sound that is not WAV, for the page's decodeAudioData (workers have none). */
      readonly type: 'decode-sound';
      readonly id: number;
      readonly requestId: number;
      readonly bytes: Uint8Array;
    }
  | {
      readonly type: 'done';
      readonly id: number;
      readonly pairs: ImportedPairs | PackedImport;
      readonly notes: readonly ImportNote[];
    }
  | { readonly type: 'cancelled'; readonly id: number }
  | { readonly type: 'failed'; readonly id: number; readonly message: string };

/**
 * A finished import with its pixels and captions packed in Blobs (and its paths too, unless it has sound):
 * the report's parts as they are.
 */
export type PackedImport = Omit<ImportedPairs, 'images' | 'captions' | 'paths' | 'thumbnails'> &
  MaybePackedColumns & { readonly images: Blob; readonly captions: Blob };

/** The buffers of a finished import, to transfer rather than copy. */
export function pairsTransferables(pairs: ImportedPairs | PackedImport): ArrayBuffer[] {
  const out = pairs.images instanceof Blob ? [] : [pairs.images.buffer as ArrayBuffer];
  if ('thumbnails' in pairs && pairs.thumbnails) out.push(pairs.thumbnails.buffer as ArrayBuffer);
  for (const s of pairs.sounds ?? []) if (s) out.push(s.buffer as ArrayBuffer);
  return out;
}
