/**
 * Test page for the scatter: `?demo` draws 500 synthetic pairs (two clouds, the gap arrow, a selection)
 * for screenshots; `window.benchScatter(renderer, rows, frames)` times frames for bench/scatterDraw.ts.
 */
import { createScatterView, type ScatterView } from '../src/plots/scatter/scatterView';
import { createRng } from '../src/core/random/rng';

/** n pairs: images in a cloud on the left, each caption near its image but shifted right (the gap). */
function twoClouds(n: number, seed = 1, gap = 9): Float32Array {
  const rng = createRng(seed);
  const xy = new Float32Array(4 * n);
  for (let i = 0; i < n; i++) {
    // A few semantic clusters within each cloud, so pairs have structure.
    const c = i % 5;
    const cx = Math.cos(c * 1.26) * 2.2;
    const cy = Math.sin(c * 1.26) * 2.2;
    const x = cx + rng.normal() * 0.7;
    const y = cy + rng.normal() * 0.7;
    xy[2 * i] = x - gap / 2;
    xy[2 * i + 1] = y;
    xy[2 * (n + i)] = x + gap / 2 + rng.normal() * 0.6;
    xy[2 * (n + i) + 1] = y + rng.normal() * 0.6;
  }
  return xy;
}

declare global {
  interface Window {
    benchScatter(renderer: 'webgl' | 'canvas' | 'none', rows: number, frames: number): Promise<BenchResult>;
    demoReady?: boolean;
  }
}

interface BenchResult {
  renderer: string | null;
  rows: number;
  /** Median ms per frame when only the view changes (buffers already on the GPU). */
  staticMs: number;
  /** Median ms per frame while gliding (positions re-uploaded every frame). */
  glideMs: number;
}

const host = document.getElementById('plot')!;
let view: ScatterView | null = null;

/** Forces the GPU / rasteriser to finish, so the time measured includes the drawing itself. */
function sync(v: ScatterView): void {
  const canvas = v.element.querySelector('canvas')!;
  const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
  if (v.renderer === null) return;
  if (v.renderer === 'webgl' && gl) gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, new Uint8Array(4));
  else canvas.getContext('2d', { willReadFrequently: false })?.getImageData(0, 0, 1, 1);
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

window.benchScatter = async (renderer, rows, frames) => {
  view?.destroy();
  // 'none' draws the SVG overlay only: its time is the part of a frame that is not the points.
  const v = createScatterView(host, {
    renderer: renderer === 'none' ? () => null : renderer,
    transitionMs: 1e9,
    pairLines: false,
  });
  view = v;
  v.resize(800, 600, 1);
  const n = rows / 2;
  const a = twoClouds(n, 1);
  const b = twoClouds(n, 2);
  v.setLayout(a, n, 0);
  v.frame(0);
  sync(v);
  // Static: the glide is parked (huge duration, t stays 0): only uniforms change between frames.
  v.setOptions({ transitionMs: 0 });
  v.setLayout(a, n, 0);
  const staticTimes: number[] = [];
  for (let f = 0; f < frames; f++) {
    v.setSelection({ selected: null, hovered: f % rows });
    const t0 = performance.now();
    v.frame(1000 + f);
    sync(v);
    staticTimes.push(performance.now() - t0);
  }
  // Gliding: every frame interpolates all positions and uploads them.
  v.setOptions({ transitionMs: 1e9 });
  v.setLayout(b, n, 0);
  const glideTimes: number[] = [];
  for (let f = 0; f < frames; f++) {
    const t0 = performance.now();
    v.frame(1 + f * 1e6);
    sync(v);
    glideTimes.push(performance.now() - t0);
  }
  await new Promise((r) => requestAnimationFrame(r));
  return {
    renderer: v.renderer ?? 'overlay only',
    rows,
    staticMs: median(staticTimes),
    glideMs: median(glideTimes),
  };
};

if (new URLSearchParams(location.search).has('demo')) {
  const params = new URLSearchParams(location.search);
  const renderer = (params.get('renderer') ?? 'auto') as 'auto' | 'webgl' | 'canvas';
  const n = Number(params.get('n') ?? 500);
  const v = createScatterView(host, {
    renderer,
    xLabel: 'UMAP 1',
    yLabel: 'UMAP 2',
    gapLabel: 'modality gap 0.82',
  });
  v.resize(760, 560, Number(params.get('dpr') ?? devicePixelRatio));
  v.setLayout(twoClouds(n, 1), n, 0);
  if (params.has('select'))
    v.setSelection({ selected: 7, neighbours: [n + 12, n + 40, n + 95], hovered: 30 });
  v.frame(10_000);
  window.demoReady = true;
}

if (new URLSearchParams(location.search).has('gallery')) void showGallery();

/** The other plots with synthetic data, for looking at them. */
async function showGallery(): Promise<void> {
  const { renderLineChart } = await import('../src/plots/lineChart');
  const { renderHeatmap } = await import('../src/plots/heatmap');
  const { renderBarChart } = await import('../src/plots/barChart');
  host.style.cssText = 'display:grid;grid-template-columns:380px 400px;gap:8px;background:#fff;padding:8px;';
  const svgOf = (): SVGSVGElement => {
    const cell = document.createElement('div');
    cell.style.position = 'relative';
    host.appendChild(cell);
    return cell.appendChild(document.createElementNS('http://www.w3.org/2000/svg', 'svg'));
  };
  const steps = Float64Array.from({ length: 300 }, (_, i) => i * 10);
  const seen = steps.map((s) => 1 - Math.exp(-s / 700));
  const held = steps.map((s, i) => (i > 120 && i < 140 ? NaN : 0.8 * (1 - Math.exp(-s / 1100))));
  renderLineChart(
    svgOf(),
    [
      { key: 'seen', label: 'Recall@5 seen', x: steps, y: seen, colour: '#0072B2' },
      { key: 'held', label: 'Recall@5 held-out', x: steps, y: held, colour: '#0072B2', dash: 'dashed' },
      {
        key: 'gap',
        label: 'gap (cosine)',
        x: steps,
        y: steps.map((s) => 0.9 * Math.exp(-s / 900)),
        colour: '#D55E00',
      },
    ],
    { width: 380, height: 260, xLabel: 'step', yLabel: 'value', yDomain: [0, 1] },
  );
  const rng = createRng(4);
  const r = 16;
  const values = new Float32Array(r * r).map((_, k) =>
    Math.floor(k / r) === k % r ? 0.6 + 0.3 * rng.next() : 0.5 * rng.normal() * 0.5,
  );
  const cell = document.createElement('div');
  cell.style.position = 'relative';
  host.appendChild(cell);
  const canvas = cell.appendChild(document.createElement('canvas'));
  canvas.style.position = 'absolute';
  const svg = cell.appendChild(document.createElementNS('http://www.w3.org/2000/svg', 'svg'));
  svg.style.position = 'absolute';
  cell.style.height = '300px';
  renderHeatmap({ canvas, svg }, { values, rows: r, cols: r }, { width: 400, height: 300 });
  const big = 64;
  const cell64 = document.createElement('div');
  cell64.style.cssText = 'position:relative;height:300px;';
  host.appendChild(cell64);
  const canvas64 = cell64.appendChild(document.createElement('canvas'));
  canvas64.style.position = 'absolute';
  const svg64 = cell64.appendChild(document.createElementNS('http://www.w3.org/2000/svg', 'svg'));
  svg64.style.position = 'absolute';
  const values64 = new Float32Array(big * big).map((_, k) =>
    Math.floor(k / big) === k % big ? 0.5 + 0.4 * rng.next() : 0.35 * rng.normal(),
  );
  renderHeatmap(
    { canvas: canvas64, svg: svg64 },
    { values: values64, rows: big, cols: big },
    { width: 400, height: 300 },
  );
  renderBarChart(
    svgOf(),
    { values: [0.97, 0.93, 0.88, 0.71, 0.52, 0.4, 0.22, 0.12, 0.05, 0.02] },
    {
      width: 380,
      height: 240,
      xLabel: 'canonical component',
      yLabel: 'correlation',
    },
  );
  window.demoReady = true;
}

declare global {
  interface Window {
    benchProjection(rows: number, d: number): Promise<Record<string, number | string>>;
  }
}

/** Projects synthetic embeddings through the real projection worker: cold, then three warm refreshes. */
window.benchProjection = async (rows, d) => {
  const { createProjectionClient } = await import('../src/training/projection/projectionClient');
  const client = createProjectionClient();
  const n = rows / 2;
  const rng = createRng(3);
  const centres = Array.from({ length: 40 }, () => Array.from({ length: d }, () => rng.normal()));
  const make = (shift: number): Float32Array =>
    Float32Array.from({ length: rows * d }, (_, k) => {
      const r = Math.floor(k / d);
      return centres[(r % n) % 40][k % d] + 0.5 * rng.normal() + (r < n ? shift : -shift);
    });
  const out: Record<string, number | string> = { rows, d };
  const t0 = performance.now();
  const first = await client.project('umap', make(1), n, d, false);
  out.coldMs = Math.round(performance.now() - t0);
  out.coldWorkerMs = Math.round(client.lastMs);
  for (let step = 1; step <= 3; step++) {
    const t = performance.now();
    await client.project('umap', make(1 - 0.05 * step), n, d, true);
    out[`warm${step}Ms`] = Math.round(performance.now() - t);
    out[`warm${step}WorkerMs`] = Math.round(client.lastMs);
  }
  const t1 = performance.now();
  await client.project('pca', make(0.8), n, d, false);
  out.pcaMs = Math.round(performance.now() - t1);
  out.length = first.length;
  client.dispose();
  return out;
};

if (new URLSearchParams(location.search).has('umap')) void showUmap();

/**
 * End to end: synthetic embeddings (12 meanings, a modality offset) through the projection worker
 * into the scatter, then warm refreshes as the offset shrinks, as during training.
 */
async function showUmap(): Promise<void> {
  const { createProjectionClient } = await import('../src/training/projection/projectionClient');
  const params = new URLSearchParams(location.search);
  const method = (params.get('method') ?? 'umap') as 'umap' | 'pca';
  const n = Number(params.get('n') ?? 500);
  const d = 32;
  const rng = createRng(5);
  const meanings = Array.from({ length: 12 }, () => Array.from({ length: d }, () => rng.normal()));
  const offsets = [0, 1].map(() => Array.from({ length: d }, () => rng.normal()));
  const noise = Float32Array.from({ length: 2 * n * d }, () => rng.normal());
  const make = (gap: number): Float32Array => {
    const out = new Float32Array(2 * n * d);
    for (let r = 0; r < 2 * n; r++) {
      let norm = 0;
      for (let c = 0; c < d; c++) {
        const v = meanings[(r % n) % 12][c] + 0.45 * noise[r * d + c] + gap * offsets[r < n ? 0 : 1][c];
        out[r * d + c] = v;
        norm += v * v;
      }
      for (let c = 0; c < d; c++) out[r * d + c] = out[r * d + c] / Math.sqrt(norm);
    }
    return out;
  };
  const client = createProjectionClient();
  const view = createScatterView(host, {
    xLabel: method === 'umap' ? 'UMAP 1' : 'PC 1',
    yLabel: method === 'umap' ? 'UMAP 2' : 'PC 2',
  });
  view.resize(760, 560, Number(params.get('dpr') ?? devicePixelRatio));
  const steps = Number(params.get('steps') ?? 0);
  let xy = await client.project(method, make(1.2), n, d, false);
  for (let s = 1; s <= steps; s++)
    xy = await client.project(method, make(1.2 - (0.9 * s) / steps), n, d, true);
  view.setOptions({ gapLabel: `modality gap (step ${steps})` });
  view.setLayout(xy, n, 0);
  view.frame(10_000);
  window.demoReady = true;
}
