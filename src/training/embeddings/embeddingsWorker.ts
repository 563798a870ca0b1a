/** Reads and measures precomputed embeddings off the page; one request per worker, which then ends. */
import { loadPairs } from '../../core/embeddings/loadPairs';
import { measureEmbeddings } from './measureEmbeddings';
import type { EmbeddingsRequest, EmbeddingsResponse } from './protocol';

const post = (message: EmbeddingsResponse, transfer: Transferable[] = []) =>
  self.postMessage(message, { transfer });

self.onmessage = async (event: MessageEvent<EmbeddingsRequest>) => {
  try {
    post({ type: 'stage', stage: 'reading the files' });
    const files = await Promise.all(
      event.data.files.map(async (f) => ({
        path: f.path,
        bytes: f.data instanceof Uint8Array ? f.data : new Uint8Array(await f.data.arrayBuffer()),
      })),
    );
    const pairs = loadPairs(files);
    const summary = measureEmbeddings(pairs, (stage) => post({ type: 'stage', stage }));
    const { drawn, similarity } = summary;
    const buffers = [drawn.rows, drawn.a, drawn.b, drawn.xy, similarity].flatMap((t) =>
      t ? [t.buffer] : [],
    );
    post({ type: 'done', summary }, buffers);
  } catch (e) {
    post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
  }
};
