/**
 * The import worker: decodes and validates dropped files off the UI thread. It only routes messages;
 * the work is in importJob.ts. SVGs are sent to the UI thread to draw and awaited by request id.
 */
/// <reference lib="webworker" />
import type { DecodedImage } from '../../core/data/import';
import { createBrowserDecoder } from './browserDecoder';
import { createDecodePool, helperCount, type HelperLike } from './decodePool';
import { runImportJob } from './importJob';
import type { ImportRequest, ImportResponse } from './protocol';
import { createSoundDecoder, type PageDecodedSound } from '../../core/audio/decodeWav';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: ImportResponse, transfer: Transferable[] = []) => scope.postMessage(message, transfer);
const cancelled = new Set<number>();

/** Decoding helpers for one import; none where a worker cannot start workers. */
function startHelpers(): HelperLike[] {
  if (typeof Worker !== 'function') return [];
  return Array.from(
    { length: helperCount(navigator.hardwareConcurrency) },
    () =>
      new Worker(new URL('./decodeWorker.ts', import.meta.url), {
        type: 'module',
        name: 'import-decoder',
      }) as HelperLike,
  );
}
const svgWaiting = new Map<number, (result: DecodedImage | { error: string }) => void>();
let nextSvg = 0;
const soundWaiting = new Map<number, (result: PageDecodedSound | { error: string }) => void>();
let nextSound = 0;

scope.onmessage = (event: MessageEvent<ImportRequest>) => {
  const message = event.data;
  switch (message.type) {
    case 'import': {
      const { id } = message;
      const decoder = createBrowserDecoder(
        (bytes, options) =>
          new Promise<DecodedImage>((resolve, reject) => {
            const requestId = nextSvg++;
            svgWaiting.set(requestId, (r) => ('error' in r ? reject(new Error(r.error)) : resolve(r)));
            post({ type: 'decode-svg', id, requestId, bytes, thumbnail: options.thumbnail === true });
          }),
      );
      // WAV is parsed here; other sounds go to the page's decodeAudioData and are awaited by request id.
      const soundDecoder = createSoundDecoder(
        (bytes) =>
          new Promise<PageDecodedSound>((resolve, reject) => {
            const requestId = nextSound++;
            soundWaiting.set(requestId, (r) => ('error' in r ? reject(new Error(r.error)) : resolve(r)));
            post({ type: 'decode-sound', id, requestId, bytes });
          }),
      );
      const signal = {
        get aborted() {
          return cancelled.has(id);
        },
      };
      const helpers = startHelpers();
      const pool = createDecodePool(helpers, decoder);
      const decodesInFlight = 4 * Math.max(1, helpers.length);
      void runImportJob(message, { post, signal, decoder: pool, soundDecoder, decodesInFlight }).finally(
        () => {
          pool.dispose();
          cancelled.delete(id);
        },
      );
      break;
    }
    case 'cancel':
      cancelled.add(message.id);
      break;
    case 'svg-decoded':
      svgWaiting.get(message.requestId)?.(message.result);
      svgWaiting.delete(message.requestId);
      break;
    case 'sound-decoded':
      soundWaiting.get(message.requestId)?.(message.result);
      soundWaiting.delete(message.requestId);
      break;
  }
};
