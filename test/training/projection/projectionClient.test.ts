import { describe, it, expect } from 'vitest';
import { createProjector } from '../../../src/core/projection/projector';
import {
  createProjectionClient,
  ProjectionSuperseded,
  type ProjectionWorkerLike,
} from '../../../src/training/projection/projectionClient';
import { serveProjection } from '../../../src/training/projection/projectionService';
import type { ProjectionRequest, ProjectionResponse } from '../../../src/training/projection/protocol';
import { createRng } from '../../../src/core/random/rng';

/**
 * An in-process worker: messages cross a structured clone with transfer, as they would between threads
 * (so transferred buffers really are detached), and are answered on a later tick.
 */
function fakeWorker(): ProjectionWorkerLike & { received: ProjectionRequest[]; terminated: boolean } {
  const projector = createProjector({ coldEpochs: 100 });
  const worker = {
    received: [] as ProjectionRequest[],
    terminated: false,
    onmessage: null as ((event: MessageEvent<ProjectionResponse>) => void) | null,
    postMessage(message: ProjectionRequest, transfer: Transferable[]) {
      const copy = structuredClone(message, { transfer: transfer as ArrayBuffer[] });
      worker.received.push(copy);
      setTimeout(() => {
        const { response, transfer: back } = serveProjection(projector, copy, undefined, (progress) =>
          worker.onmessage?.({ data: progress } as MessageEvent<ProjectionResponse>),
        );
        const delivered = structuredClone(response, { transfer: back as ArrayBuffer[] });
        worker.onmessage?.({ data: delivered } as MessageEvent<ProjectionResponse>);
      }, 0);
    },
    terminate() {
      worker.terminated = true;
    },
  };
  return worker;
}

function embeddings(n: number, d: number, seed: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: 2 * n * d }, () => rng.normal());
}

describe('projection client', () => {
  it('transfers the embeddings and resolves with the layout', async () => {
    const worker = fakeWorker();
    const client = createProjectionClient(worker);
    const data = embeddings(20, 4, 1);
    const expected = createProjector().project('pca', data, 20, 4, false);
    const pending = client.project('pca', data, 20, 4, false);
    expect(data.length).toBe(0); // detached: the buffer moved to the worker
    const xy = await pending;
    expect(xy).toEqual(expected);
    expect(client.lastMs).toBeGreaterThanOrEqual(0);
  });

  it('computes only the newest of the requests made while one runs', async () => {
    const worker = fakeWorker();
    const client = createProjectionClient(worker);
    const first = client.project('pca', embeddings(20, 4, 1), 20, 4, false);
    const stale = client.project('pca', embeddings(20, 4, 2), 20, 4, true);
    const newest = client.project('pca', embeddings(20, 4, 3), 20, 4, true);
    await expect(stale).rejects.toBeInstanceOf(ProjectionSuperseded);
    await first;
    await newest;
    expect(worker.received.map((r) => r.id)).toEqual([1, 3]);
  });

  it('keeps a replaced cold request cold', async () => {
    const worker = fakeWorker();
    const client = createProjectionClient(worker);
    const first = client.project('pca', embeddings(20, 4, 1), 20, 4, true);
    client.project('pca', embeddings(20, 4, 2), 20, 4, false).catch(() => undefined);
    const last = client.project('pca', embeddings(20, 4, 3), 20, 4, true);
    await Promise.all([first, last]);
    expect(worker.received[1].warm).toBe(false);
  });

  it('turns a worker-side failure into a rejection and carries on', async () => {
    const client = createProjectionClient(fakeWorker());
    await expect(client.project('umap', new Float32Array(6), 3, 4, false)).rejects.toThrow(/expected/);
    await expect(client.project('pca', embeddings(5, 2, 1), 5, 2, false)).resolves.toHaveLength(20);
  });

  it('reports the progress of a cold UMAP layout, in order, up to 1', async () => {
    const client = createProjectionClient(fakeWorker());
    const seen: number[] = [];
    const previews: { fraction: number; xy: Float32Array }[] = [];
    const data = embeddings(30, 4, 1);
    const pca = createProjector().project('pca', data, 30, 4, false);
    await client.project('umap', data, 30, 4, false, (f, xy) =>
      xy ? previews.push({ fraction: f, xy }) : seen.push(f),
    );
    // First the quick layout: the PCA layout the fit starts from, before any epoch; then frames of the
    // fit as it settles, at most every PREVIEW_MS of the real clock (none when the machine is quick).
    expect(previews[0]?.fraction).toBe(0);
    expect(previews[0]?.xy).toEqual(pca);
    const fractions = previews.map((p) => p.fraction);
    expect(fractions.every((f, i) => i === 0 || (f > fractions[i - 1] && f < 1))).toBe(true);
    // 100 epochs reported in steps of 2%: 50 messages, rising, the last one 1.
    expect(seen).toHaveLength(50);
    expect(seen.every((f, i) => i === 0 || f > seen[i - 1])).toBe(true);
    expect(seen.at(-1)).toBe(1);
    const warm: number[] = [];
    await client.project('umap', embeddings(30, 4, 2), 30, 4, true, (f) => warm.push(f));
    expect(warm).toEqual([]); // a warm refresh is short: no progress
  });

  it('restart drops the pending requests and replaces a busy worker, so a new run need not wait', async () => {
    const spawned: ReturnType<typeof fakeWorker>[] = [];
    const client = createProjectionClient(undefined, () => {
      const w = fakeWorker();
      spawned.push(w);
      return w;
    });
    const old = client.project('pca', embeddings(20, 4, 1), 20, 4, false);
    const queued = client.project('pca', embeddings(20, 4, 2), 20, 4, true);
    client.restart();
    await expect(old).rejects.toBeInstanceOf(ProjectionSuperseded);
    await expect(queued).rejects.toBeInstanceOf(ProjectionSuperseded);
    expect(spawned.map((w) => w.terminated)).toEqual([true, false]);
    const fresh = embeddings(20, 4, 3);
    const expected = createProjector().project('pca', fresh.slice(), 20, 4, false);
    await expect(client.project('pca', fresh, 20, 4, false)).resolves.toEqual(expected);
    expect(spawned[1].received).toHaveLength(1);
    client.restart(); // idle: the worker is kept
    expect(spawned).toHaveLength(2);
  });
});
