import { describe, expect, it } from 'vitest';
import { createProjector } from '../../../src/core/projection/projector';
import { PREVIEW_MS, serveProjection } from '../../../src/training/projection/projectionService';
import type { PreviewResponse, ProgressResponse } from '../../../src/training/projection/protocol';
import { createRng } from '../../../src/core/random/rng';

function embeddings(n: number, d: number, seed: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: 2 * n * d }, () => rng.normal());
}

describe('previews of a layout fitted from scratch', () => {
  it('posts the PCA layout first, then a frame at most every PREVIEW_MS of the clock', () => {
    // A clock that moves 10 ms each time it is read: the fit reads it once per epoch.
    let t = 0;
    const now = () => (t += 10);
    const interim: (ProgressResponse | PreviewResponse)[] = [];
    const moved: Transferable[][] = [];
    const projector = createProjector({ coldEpochs: 100 });
    const data = embeddings(20, 3, 5);
    const pca = createProjector().project('pca', data.slice(), 20, 3, false);
    const { response } = serveProjection(
      projector,
      { type: 'project', id: 9, method: 'umap', data, n: 20, d: 3, warm: false },
      now,
      (m, transfer) => {
        interim.push(m);
        moved.push(transfer);
      },
    );
    const previews = interim.filter((m): m is PreviewResponse => m.type === 'preview');
    // The clock is read at the start (10 ms) and at the PCA preview (20 ms), then once per epoch, 30 ms
    // to 1,020 ms: frames at 20 ms, then 270, 520 and 770 ms (epochs 25, 50 and 75); the end of the fit
    // (epoch 100, 1,020 ms) is the layout itself, not a preview.
    expect(PREVIEW_MS).toBe(250);
    expect(previews.map((p) => p.fraction)).toEqual([0, 0.25, 0.5, 0.75]);
    expect(previews.every((p) => p.id === 9 && p.xy.length === 80)).toBe(true);
    expect(previews[0]?.xy).toEqual(pca);
    // Each frame's buffer is handed over with it.
    const frames = interim.flatMap((m, i) => (m.type === 'preview' ? [moved[i]] : []));
    expect(frames.map((f, i) => f?.[0] === previews[i]?.xy.buffer)).toEqual([true, true, true, true]);
    expect(response.type).toBe('layout');
  });

  it('posts no preview for a warm refresh or a PCA layout', () => {
    const projector = createProjector({ coldEpochs: 30 });
    const data = embeddings(20, 3, 6);
    const post: string[] = [];
    const ask = (method: 'umap' | 'pca', warm: boolean) =>
      serveProjection(
        projector,
        { type: 'project', id: 1, method, data: data.slice(), n: 20, d: 3, warm },
        undefined,
        (m) => post.push(m.type),
      );
    ask('umap', false);
    post.length = 0;
    ask('umap', true);
    ask('pca', false);
    expect(post).toEqual([]);
  });
});
