/**
 * The UI thread's side of an import: hands files to the import worker, reports progress, answers the
 * worker's requests to draw SVGs, and resolves with the imported pairs (or 'cancelled'). Usage:
 *
 *   const client = createImportClient();
 *   const job = client.start(files, { thumbnails: true, onProgress: (p) => setProgress(p) });
 *   cancelButton.onclick = job.cancel;
 *   const outcome = await job.result; // { status: 'done', pairs, notes } | { status: 'cancelled' }
 */
import type {
  DecodeOptions,
  DecodedImage,
  ImportLimits,
  ImportNote,
  ImportedPairs,
} from '../../core/data/import';
import { decodeSvgOnPage } from './browserDecoder';
import type { ImportFile, ImportPhase, ImportRequest, ImportResponse, PackedImport } from './protocol';
import { decodeSoundOnPage } from './pageSound';
import type { PageDecodedSound } from '../../core/audio/decodeWav';

export interface ImportProgress {
  readonly phase: ImportPhase;
  readonly done: number;
  readonly total: number;
}

/** `P`: the pairs as they come, packed (see packedPairs.ts) when the import asked for it. */
export type ImportOutcome<P extends ImportedPairs | PackedImport = ImportedPairs | PackedImport> =
  | { readonly status: 'done'; readonly pairs: P; readonly notes: readonly ImportNote[] }
  | { readonly status: 'cancelled' };

export interface ImportJobHandle<P extends ImportedPairs | PackedImport = ImportedPairs | PackedImport> {
  /** Resolves when the import ends; rejects only when the worker itself failed. */
  readonly result: Promise<ImportOutcome<P>>;
  /** Stops the import between files; `result` then resolves with 'cancelled'. */
  cancel(): void;
}

export interface StartOptions {
  readonly thumbnails?: boolean;
  /** Have the worker pack the pixels, captions and paths in Blobs (see packedPairs.ts). */
  readonly pack?: boolean;
  readonly limits?: Partial<ImportLimits>;
  readonly onProgress?: (progress: ImportProgress) => void;
}

/** The minimal worker surface the client needs (a Worker, or a stand-in in tests). */
export interface WorkerLike {
  postMessage(message: ImportRequest, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ImportResponse>) => void): void;
  terminate(): void;
}

export class ImportClient {
  private nextId = 0;
  private readonly listeners = new Map<number, (message: ImportResponse) => void>();

  constructor(
    private readonly worker: WorkerLike,
    private readonly decodeSvg: (
      bytes: Uint8Array,
      options: DecodeOptions,
    ) => Promise<DecodedImage> = decodeSvgOnPage,
    private readonly decodeSound: (bytes: Uint8Array) => Promise<PageDecodedSound> = decodeSoundOnPage,
  ) {
    worker.addEventListener('message', (event) => this.listeners.get(event.data.id)?.(event.data));
  }

  start(files: readonly ImportFile[], options: StartOptions & { pack: true }): ImportJobHandle<PackedImport>;
  start(files: readonly ImportFile[], options?: StartOptions): ImportJobHandle<ImportedPairs>;
  start(files: readonly ImportFile[], options: StartOptions = {}): ImportJobHandle {
    const id = this.nextId++;
    const result = new Promise<ImportOutcome>((resolve, reject) => {
      this.listeners.set(id, (message) => {
        switch (message.type) {
          case 'progress':
            options.onProgress?.({ phase: message.phase, done: message.done, total: message.total });
            break;
          case 'decode-svg':
            void this.answerSvg(id, message.requestId, message.bytes, message.thumbnail);
            break;
          case 'decode-sound':
            void this.answerSound(id, message.requestId, message.bytes);
            break;
          case 'done':
            this.listeners.delete(id);
            resolve({ status: 'done', pairs: message.pairs, notes: message.notes });
            break;
          case 'cancelled':
            this.listeners.delete(id);
            resolve({ status: 'cancelled' });
            break;
          case 'failed':
            this.listeners.delete(id);
            reject(new Error(message.message));
            break;
        }
      });
    });
    this.worker.postMessage({
      type: 'import',
      id,
      files,
      thumbnails: options.thumbnails ?? false,
      ...(options.pack ? { pack: true } : {}),
      ...(options.limits ? { limits: options.limits } : {}),
    });
    return { result, cancel: () => this.worker.postMessage({ type: 'cancel', id }) };
  }

  private async answerSvg(
    id: number,
    requestId: number,
    bytes: Uint8Array,
    thumbnail: boolean,
  ): Promise<void> {
    let result: DecodedImage | { error: string };
    try {
      result = await this.decodeSvg(bytes, { thumbnail });
    } catch (e) {
      result = { error: e instanceof Error && e.message ? e.message : 'the SVG could not be drawn' };
    }
    const transfer = 'pixels' in result ? [result.pixels.buffer as ArrayBuffer] : [];
    this.worker.postMessage({ type: 'svg-decoded', id, requestId, result }, transfer);
  }

  /** Decodes a non-WAV sound with the page's decodeAudioData and sends it (or why not) back. */
  private async answerSound(id: number, requestId: number, bytes: Uint8Array): Promise<void> {
    let result: PageDecodedSound | { error: string };
    try {
      result = await this.decodeSound(bytes);
    } catch (e) {
      result = { error: e instanceof Error && e.message ? e.message : 'the sound could not be decoded' };
    }
    const transfer = 'wave' in result ? [result.wave.buffer as ArrayBuffer] : [];
    this.worker.postMessage({ type: 'sound-decoded', id, requestId, result }, transfer);
  }

  dispose(): void {
    this.listeners.clear();
    this.worker.terminate();
  }
}

/** A client with its own module worker (bundled by Vite). */
export function createImportClient(): ImportClient {
  return new ImportClient(new Worker(new URL('./importWorker.ts', import.meta.url), { type: 'module' }));
}

/** Files from an <input type="file" multiple webkitdirectory> or a plain multiple pick, with folder paths kept. */
export function filesFromList(list: FileList | readonly File[]): ImportFile[] {
  return Array.from(list, (file) => ({ path: file.webkitRelativePath || file.name, data: file }));
}
