/**
 * A helper of the import worker: decodes the raster pictures it is sent and answers with their pixels
 * (transferred). See decodePool.ts.
 */
/// <reference lib="webworker" />
import { UnsupportedImageError } from '../../core/data/import';
import { createBrowserDecoder } from './browserDecoder';
import type { DecodeAnswer, DecodeRequest } from './decodePool';

const scope = self as unknown as DedicatedWorkerGlobalScope;
// SVGs never come here: the pool decodes them through the import worker, which asks the page.
const decoder = createBrowserDecoder(() => Promise.reject(new Error('an SVG is drawn by the page')));

scope.onmessage = async (event: MessageEvent<DecodeRequest>) => {
  const { requestId, bytes, mime, thumbnail } = event.data;
  let answer: DecodeAnswer;
  const transfer: Transferable[] = [];
  try {
    const result = await decoder.decode(bytes, mime, { thumbnail });
    transfer.push(result.pixels.buffer as ArrayBuffer);
    if (result.thumbnail) transfer.push(result.thumbnail.buffer as ArrayBuffer);
    answer = { requestId, result };
  } catch (e) {
    const error = e instanceof Error && e.message ? e.message : 'the picture could not be decoded';
    answer = { requestId, error, unsupported: e instanceof UnsupportedImageError };
  }
  scope.postMessage(answer, transfer);
};
