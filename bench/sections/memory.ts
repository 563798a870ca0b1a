/**
 * tf.memory() tensors and bytes and the JS heap over a long run (bench/node/memoryNode.ts, WASM in Node),
 * training and evaluating as the app does. Figures are the change per block of steps: flat is zero.
 */
import { figure, type Figure } from '../lib/figures';
import { runJsonLines } from '../lib/child';
import type { BenchOptions } from '../lib/options';
import type { MemoryResult, MemorySample } from '../node/memoryNode';

const MB = 1024 * 1024;

/** Differences between consecutive samples, from the first one taken after training started. */
function deltas(samples: MemorySample[], key: keyof MemorySample): number[] {
  const trained = samples.filter((s) => s.step > 0);
  return trained.slice(1).map((s, i) => s[key] - trained[i][key]);
}

export async function memory(options: BenchOptions): Promise<{ figures: Figure[]; notes: string[] }> {
  const [first, ...others] = options.frameworks;
  // The default lesson's framework gets the full 2,000 steps; the others a shorter run (their
  // evaluations, with generation and CCA, make 2,000 steps of each take many minutes).
  const plan = options.quick
    ? [{ frameworks: [first], steps: 200, every: 50 }]
    : [
        { frameworks: [first], steps: 2000, every: 250 },
        ...(others.length ? [{ frameworks: others, steps: 500, every: 100 }] : []),
      ];
  const figures: Figure[] = [];
  const notes: string[] = [];
  for (const { frameworks, steps, every } of plan) {
    options.log(`memory: ${frameworks.join(', ')} over ${steps} steps`);
    const { lines } = await runJsonLines<MemoryResult>(
      process.execPath,
      [
        '--expose-gc',
        '--import',
        'tsx',
        'bench/node/memoryNode.ts',
        '--frameworks',
        frameworks.join(','),
        '--steps',
        String(steps),
        '--every',
        String(every),
      ],
      { timeoutMs: 40 * 60_000 },
    );
    for (const framework of frameworks) {
      const r = lines.find((l) => l.framework === framework);
      const s = r?.samples ?? [];
      const start = s.find((x) => x.step > 0);
      const end = s[s.length - 1];
      const span = start && end ? `steps ${start.step}→${end.step}` : '';
      const error = r?.error ? `failed: ${r.error.slice(0, 120)}; ` : r ? '' : 'no result; ';
      const flat = { text: '0 (flat)', test: (m: number) => m === 0 };
      figures.push(
        figure(
          {
            name: `${framework} · tensors per ${every} steps`,
            unit: 'tensors',
            values: deltas(s, 'tensors'),
            better: 'lower',
            note: `${error}${start?.tensors ?? '–'} → ${end?.tensors ?? '–'} tensors, ${span}`,
          },
          flat,
        ),
        figure(
          {
            name: `${framework} · tensor bytes per ${every} steps`,
            unit: 'bytes',
            values: deltas(s, 'bytes'),
            better: 'lower',
            note: `${start ? (start.bytes / MB).toFixed(1) : '–'} → ${end ? (end.bytes / MB).toFixed(1) : '–'} MB`,
          },
          flat,
        ),
        figure({
          name: `${framework} · JS heap per ${every} steps`,
          unit: 'MB',
          values: deltas(s, 'heapBytes').map((b) => b / MB),
          better: 'lower',
          note: `${start ? (start.heapBytes / MB).toFixed(1) : '–'} → ${end ? (end.heapBytes / MB).toFixed(1) : '–'} MB after a full GC`,
        }),
      );
    }
    notes.push(`${frameworks.join(', ')}: ${steps} steps, sampled every ${every}.`);
  }
  notes.push(
    'WASM backend in Node; an evaluation every 25 steps (the default), as in the app. The first sample after ' +
      'training starts is the baseline (Adam creates its moment tensors on the first step).',
  );
  return { figures, notes };
}
