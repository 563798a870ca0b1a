/**
 * Time of a projection refresh in Node, cold and warm, UMAP and PCA, at several sizes.
 *
 *   npx tsx bench/projectionRefresh.ts [--rows 1000,2000,5000,10000,20000] [--d 32] [--repeats 3] [--raw]
 *
 * Input: synthetic L2-normalised embeddings shaped like an evaluation set mid-training (40 meanings,
 * image and caption rows offset from each other: a modality gap). A warm refresh follows a small step
 * of "training" (the gap shrinks a little, noise moves every row). Prints one JSON line per size:
 * medians of wall-clock and of CPU milliseconds over the repeats, and how far the warm layout moved
 * (largest mean displacement / layout diagonal over the refreshes). `--raw` adds every timing
 * (`umapWarmRuns`, `umapWarmCpuRuns`, ...), for the bench's median, min and max.
 */
import { createProjector } from '../src/core/projection/projector';
import { createRng } from '../src/core/random/rng';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const sizes = arg('rows', '1000,2000,5000,10000,20000').split(',').map(Number);
const d = Number(arg('d', '32'));
const repeats = Number(arg('repeats', '3'));
const raw = args.includes('--raw');

/** [2n, d] rows at training progress t in [0, 1]: larger t, smaller gap. */
function embeddings(n: number, t: number, noiseSeed: number): Float32Array {
  const rng = createRng(1);
  const meanings = Array.from({ length: 40 }, () => Array.from({ length: d }, () => rng.normal()));
  const gap = [0, 1].map(() => Array.from({ length: d }, () => rng.normal()));
  const noise = createRng(noiseSeed);
  const base = Array.from({ length: 2 * n * d }, () => rng.normal());
  const out = new Float32Array(2 * n * d);
  for (let r = 0; r < 2 * n; r++) {
    const m = meanings[(r % n) % 40];
    const g = gap[r < n ? 0 : 1];
    let norm = 0;
    for (let c = 0; c < d; c++) {
      const v = m[c] + 0.5 * base[r * d + c] + 0.02 * noise.normal() + (1.2 - t) * g[c];
      out[r * d + c] = v;
      norm += v * v;
    }
    norm = Math.sqrt(norm);
    for (let c = 0; c < d; c++) out[r * d + c] = out[r * d + c] / norm;
  }
  return out;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/**
 * Result, wall-clock ms and CPU ms of f(). The work is single-threaded, so on an idle machine the two
 * agree; on a shared one the CPU time is the better measure of the cost itself.
 */
function timed<T>(f: () => T): [T, number, number] {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const r = f();
  const c = process.cpuUsage(c0);
  return [r, performance.now() - t0, (c.user + c.system) / 1000];
}
function relativeMove(a: Float32Array, b: Float32Array): number {
  let s = 0;
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (let i = 0; i < a.length; i += 2) {
    s += Math.hypot(a[i] - b[i], a[i + 1] - b[i + 1]);
    x0 = Math.min(x0, a[i]);
    x1 = Math.max(x1, a[i]);
    y0 = Math.min(y0, a[i + 1]);
    y1 = Math.max(y1, a[i + 1]);
  }
  return s / (a.length / 2) / Math.hypot(x1 - x0, y1 - y0);
}

for (const rows of sizes) {
  const n = rows / 2;
  const before = embeddings(n, 0.5, 1);
  const result: Record<string, number | string | number[]> = { rows, d };
  for (const method of ['umap', 'pca'] as const) {
    const cold: number[] = [];
    const warm: number[] = [];
    const coldCpu: number[] = [];
    const warmCpu: number[] = [];
    let move = 0;
    for (let rep = 0; rep < repeats; rep++) {
      const projector = createProjector();
      const [first, coldMs, coldCpuMs] = timed(() => projector.project(method, before, n, d, false));
      cold.push(coldMs);
      coldCpu.push(coldCpuMs);
      // Three refreshes in a row, each after a small step of "training".
      let previous = first;
      for (let step = 1; step <= 3; step++) {
        const after = embeddings(n, 0.5 + 0.01 * step, 10 * rep + step);
        const [next, warmMs, warmCpuMs] = timed(() => projector.project(method, after, n, d, true));
        warm.push(warmMs);
        warmCpu.push(warmCpuMs);
        move = Math.max(move, relativeMove(previous, next));
        previous = next;
      }
      if (method === 'umap' && rows > 10000) break; // one cold fit is enough at the largest sizes
    }
    result[`${method}ColdMs`] = Math.round(median(cold));
    result[`${method}ColdCpuMs`] = Math.round(median(coldCpu));
    result[`${method}WarmMs`] = Math.round(median(warm));
    result[`${method}WarmCpuMs`] = Math.round(median(warmCpu));
    result[`${method}WarmMoveMax`] = move.toFixed(4);
    if (raw)
      Object.assign(result, {
        [`${method}ColdRuns`]: cold,
        [`${method}ColdCpuRuns`]: coldCpu,
        [`${method}WarmRuns`]: warm,
        [`${method}WarmCpuRuns`]: warmCpu,
      });
  }
  console.log(JSON.stringify(result));
}
