/**
 * Training pairs per second of each framework's default model on each TF.js backend in Node: cpu, wasm,
 * and webgpu through the `webgpu` package (Dawn on SwiftShader's Vulkan driver, when it is present).
 */
import { figure, type Figure } from '../lib/figures';
import { runJsonLines, TSX } from '../lib/child';
import type { BenchOptions } from '../lib/options';
import { SWIFTSHADER_ICD } from '../node/webgpuNode';
import type { TrainResult } from '../node/trainNode';

export const NODE_BACKENDS = ['wasm', 'cpu', 'webgpu'] as const;

export async function nodeTraining(options: BenchOptions): Promise<{ figures: Figure[]; notes: string[] }> {
  const figures: Figure[] = [];
  for (const backend of NODE_BACKENDS) {
    // The plain-JS and software-GPU backends are slow: shorter windows, a step minimum that still counts.
    const slow = backend !== 'wasm';
    const seconds = options.quick ? 2 : slow ? 4 : 6;
    options.log(`node ${backend}: ${options.frameworks.join(', ')}`);
    const { lines, timedOut } = await runJsonLines<TrainResult>(
      TSX,
      [
        'bench/node/trainNode.ts',
        '--backend',
        backend,
        '--frameworks',
        options.frameworks.join(','),
        '--runs',
        String(options.runs),
        '--seconds',
        String(seconds),
        '--min-steps',
        slow ? '2' : '10',
        '--warmup',
        slow ? '1' : '3',
      ],
      {
        // Dawn loads libvulkan.so.1 from Chromium's folder when the system has none.
        env: {
          VK_ICD_FILENAMES: process.env.VK_ICD_FILENAMES ?? SWIFTSHADER_ICD,
          LD_LIBRARY_PATH: ['/usr/lib/chromium', process.env.LD_LIBRARY_PATH].filter(Boolean).join(':'),
          XDG_RUNTIME_DIR: process.env.XDG_RUNTIME_DIR ?? '/tmp',
        },
        timeoutMs: (options.quick ? 4 : 15) * 60_000,
      },
    );
    for (const framework of options.frameworks) {
      const r = lines.find((l) => l.framework === framework);
      const values = r?.runs.map((run) => run.pairsPerSecond) ?? [];
      const cpu = r?.runs.map((run) => run.cpuPairsPerSecond) ?? [];
      const cpuMedian = cpu.length ? [...cpu].sort((a, b) => a - b)[Math.floor(cpu.length / 2)] : NaN;
      figures.push(
        figure({
          name: `${framework} · ${backend}`,
          unit: 'pairs/s',
          values,
          better: 'higher',
          note: r?.error
            ? `failed: ${r.error.slice(0, 160)}`
            : !r
              ? timedOut
                ? 'timed out'
                : 'no result'
              : `${Math.round(cpuMedian ?? NaN).toLocaleString('en-US')} pairs per CPU-second`,
        }),
      );
    }
  }
  return {
    figures,
    notes: [
      "Each framework's default model (the app's defaults: 2,000 training pairs, batch 64, Adam), trained by " +
        'the same Trainer as the app and the runner, in chunks of about 100 ms with one loss read-back each.',
      'Pairs per CPU-second divide by this process’s CPU time instead of the wall clock: on a shared machine it ' +
        'is the better measure of cost.',
      'webgpu in Node is Dawn (npm `webgpu` 0.6.2) on SwiftShader, a software Vulkan: correct but not a GPU.',
      ...WASM_NOTES,
    ],
  };
}

/** What the wasm figures rest on: the project's kernels (src/core/wasm), measured per default step. */
const WASM_NOTES = [
  'wasm runs the project’s WASM SIMD kernels (src/core/wasm): Adam in one pass per variable, matrix ' +
    'products that pack neither operand (XNNPACK repacked the image layer’s 786k weights every step, as ' +
    'each step makes them a new tensor), and clones that share memory. Per default coordinated step, the ' +
    'fastest of 150 on this machine under load ~15: 16.6 ms with TF.js’s own kernels (Adam’s 168 ' +
    'elementwise kernels 4.7 ms, 329 kernels), 8.2 ms with the project’s (the two large products 4.6 ms ' +
    'at 45–50 GFLOP/s against XNNPACK’s 35–39, Adam 0.8 ms, the other ~210 kernels and the engine ~2.8 ms).',
  'One core: tfjs-backend-wasm runs no threads in Node (its threaded build starts its workers from Blob ' +
    'URLs) and the app switches them off in the browser (threaded builds hung when minified, and threads ' +
    'need a cross-origin isolated page). On 4–8 cores the wasm figure therefore stays at one core’s, while ' +
    'PyTorch’s threads take the extra cores, so the ratio falls. With threads only the products (4.6 of ' +
    '8.2 ms) would divide; the ~210 small kernels, the engine and Adam stay on one thread, so by ' +
    'Amdahl’s law the step would gain at most ×1.4 on 2 cores, ×1.7 on 4 and ×1.9 on 8.',
  'Relaxed SIMD (fused multiply-add) is taken where the engine validates it (Chromium); Node 20 has it ' +
    'behind --experimental-wasm-relaxed-simd only, and there the products measured no faster.',
];
