/**
 * One import as the worker runs it: read the files, parse and validate, decode. Free of worker globals
 * (messages go through `post`), so the same steps can be tested without a worker.
 */
import { ImportCancelled, decodeItems, parseImport, type ImageDecoder } from '../../core/data/import';
import { pairsTransferables, type ImportPhase, type ImportRequest, type ImportResponse } from './protocol';
import type { SoundDecoder } from '../../core/audio/decodeWav';

/** Progress messages are posted at most this often (a 5,000-file import would otherwise post 10,000). */
const PROGRESS_INTERVAL_MS = 50;

export interface JobContext {
  readonly post: (message: ImportResponse, transfer?: Transferable[]) => void;
  readonly signal: { readonly aborted: boolean };
  readonly decoder: ImageDecoder;
  /** Sounds that are not WAV go through it (the page's decodeAudioData); default: WAV only. */
  readonly soundDecoder?: SoundDecoder;
}

export async function runImportJob(
  request: Extract<ImportRequest, { type: 'import' }>,
  { post, signal, decoder, soundDecoder }: JobContext,
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
        const bytes = data instanceof Uint8Array ? data : new Uint8Array(await data.arrayBuffer());
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
    const pairs = await decodeItems(parsed, decoder, {
      ...(soundDecoder ? { soundDecoder } : {}),
      thumbnails: request.thumbnails,
      signal,
      onProgress: ({ done, total }) => progress('decoding', done, total),
    });
    post({ type: 'done', id, pairs, notes: parsed.notes }, pairsTransferables(pairs));
  } catch (e) {
    if (e instanceof ImportCancelled) post({ type: 'cancelled', id });
    else post({ type: 'failed', id, message: e instanceof Error ? e.message : String(e) });
  }
}
