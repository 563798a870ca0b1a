/**
 * One import as the worker runs it: read the files, parse and validate, decode. Free of worker globals
 * (messages go through `post`), so the same steps can be tested without a worker.
 */
import { ImportCancelled, decodeItems, parseImport, type ImageDecoder } from '../../core/data/import';
import { pairsTransferables, type ImportPhase, type ImportRequest, type ImportResponse } from './protocol';
import type { SoundDecoder } from '../../core/audio/decodeWav';
import { packColumns } from './packedPairs';

/** Progress messages are posted at most this often (a 5,000-file import would otherwise post 10,000). */
const PROGRESS_INTERVAL_MS = 50;

/**
 * Pictures decoded at once by default: the browser decodes on threads of its own, and a few in flight
 * keep them busy while this worker copies the last one's pixels (2,000 64x64 PNGs with createImageBitmap
 * on 2 busy cores: 4.4 s one at a time, 3.0 s four at a time).
 */
const DECODES_IN_FLIGHT = 4;

export interface JobContext {
  readonly post: (message: ImportResponse, transfer?: Transferable[]) => void;
  readonly signal: { readonly aborted: boolean };
  readonly decoder: ImageDecoder;
  /** Sounds that are not WAV go through it (the page's decodeAudioData); default: WAV only. */
  readonly soundDecoder?: SoundDecoder;
  /** Pictures decoded at once (default DECODES_IN_FLIGHT): more where helpers decode them (decodePool.ts). */
  readonly decodesInFlight?: number;
}

/** A file this large (an archive of thousands of pictures) is read in chunks, its megabytes counted. */
const LARGE_FILE_BYTES = 4_000_000;

/** Reads `blob` chunk by chunk into one array, calling `onBytes` with the bytes read so far. */
async function readCounting(blob: Blob, onBytes: (done: number) => void): Promise<Uint8Array> {
  const bytes = new Uint8Array(blob.size);
  const reader = blob.stream().getReader();
  let done = 0;
  for (;;) {
    const chunk = await reader.read();
    if (chunk.done) break;
    // A file that grew since it was picked: what fits is kept (it is checked as any other file).
    const value = chunk.value.subarray(0, bytes.length - done);
    bytes.set(value, done);
    done += value.length;
    onBytes(done);
  }
  return done === bytes.length ? bytes : bytes.subarray(0, done);
}

export async function runImportJob(
  request: Extract<ImportRequest, { type: 'import' }>,
  { post, signal, decoder, soundDecoder, decodesInFlight = DECODES_IN_FLIGHT }: JobContext,
): Promise<void> {
  const { id } = request;
  let last = 0;
  const progress = (phase: ImportPhase, done: number, total: number) => {
    const now = Date.now();
    if (done < total && now - last < PROGRESS_INTERVAL_MS) return;
    last = now;
    post({ type: 'progress', id, phase, done, total });
  };
  try {
    const entries = [];
    const files = request.files;
    for (let i = 0; i < files.length; i++) {
      if (signal.aborted) throw new ImportCancelled();
      const { path, data } = files[i];
      try {
        const bytes =
          data instanceof Uint8Array
            ? data
            : data.size >= LARGE_FILE_BYTES && typeof data.stream === 'function'
              ? await readCounting(data, (done) => progress('loading', done, data.size))
              : new Uint8Array(await data.arrayBuffer());
        entries.push({ path, bytes });
      } catch {
        // An unreadable file (moved, permission lost) is passed on empty, so it is reported by name.
        entries.push({ path, bytes: new Uint8Array(0) });
      }
      progress('reading', i + 1, files.length);
    }
    // Parsing is one synchronous pass: its progress is posted from inside it, so the bar moves meanwhile.
    const parsed = parseImport(entries, {
      ...(request.limits ? { limits: request.limits } : {}),
      onProgress: progress,
    });
    // Packed: the pixels go into Blob parts a chunk at a time as they are decoded, never whole twice.
    const imageParts: Blob[] = [];
    const pairs = await decodeItems(parsed, decoder, {
      ...(request.pack
        ? { imageSink: (rows: Uint8Array) => imageParts.push(new Blob([rows as Uint8Array<ArrayBuffer>])) }
        : {}),
      ...(soundDecoder ? { soundDecoder } : {}),
      thumbnails: request.thumbnails,
      concurrency: decodesInFlight,
      signal,
      onProgress: ({ done, total }) => progress('decoding', done, total),
    });
    if (request.pack) {
      // Thumbnails stay behind: a packed import is what the page keeps, and it draws none from here.
      const { thumbnails: _thumbnails, images: _images, captions, paths, ...report } = pairs;
      const images = new Blob(imageParts, { type: 'application/octet-stream' });
      const packed = { ...report, ...packColumns({ images, captions, paths }, pairs.sounds !== undefined) };
      post({ type: 'done', id, pairs: packed, notes: parsed.notes }, pairsTransferables(packed));
    } else post({ type: 'done', id, pairs, notes: parsed.notes }, pairsTransferables(pairs));
  } catch (e) {
    if (e instanceof ImportCancelled) post({ type: 'cancelled', id });
    else post({ type: 'failed', id, message: e instanceof Error ? e.message : String(e) });
  }
}
