/**
 * Projection time per refresh at 1,000 to 20,000 points (bench/projectionRefresh.ts, in Node: the
 * projection is plain JavaScript, the same code the app's projection worker runs). The app refreshes
 * warm: UMAP started from the previous layout, aligned to it by Procrustes.
 */
import { figure, type Figure } from '../lib/figures';
import { runJsonLines, TSX } from '../lib/child';
import type { BenchOptions } from '../lib/options';

type Row = Record<string, number | string | number[]>;

export async function projection(options: BenchOptions): Promise<{ figures: Figure[]; notes: string[] }> {
  const sizes = options.quick ? [1000, 2000, 5000] : [1000, 2000, 5000, 10000, 20000];
  const figures: Figure[] = [];
  for (const rows of sizes) {
    options.log(`projection: ${rows} points`);
    const { lines } = await runJsonLines<Row>(
      TSX,
      ['bench/projectionRefresh.ts', '--rows', String(rows), '--repeats', String(options.runs), '--raw'],
      { timeoutMs: 20 * 60_000 },
    );
    const r = lines[0];
    const runs = (key: string) => ((r?.[key] as number[] | undefined) ?? []).map(Math.round);
    const cpu = (key: string) => `median CPU ${String(r?.[key] ?? '–')} ms`;
    const points = rows.toLocaleString('en-US');
    figures.push(
      figure(
        {
          name: `UMAP warm refresh · ${points} points`,
          unit: 'ms',
          values: runs('umapWarmRuns'),
          better: 'lower',
          note: cpu('umapWarmCpuMs'),
        },
        rows === 2000 ? { text: '< 250 ms', test: (m) => m < 250 } : undefined,
      ),
      figure({
        name: `UMAP first layout · ${points} points`,
        unit: 'ms',
        values: runs('umapColdRuns'),
        better: 'lower',
        note: cpu('umapColdCpuMs'),
      }),
      figure({
        name: `PCA refresh · ${points} points`,
        unit: 'ms',
        values: runs('pcaWarmRuns'),
        better: 'lower',
        note: cpu('pcaWarmCpuMs'),
      }),
    );
  }
  return {
    figures,
    notes: [
      'Synthetic 32-d codes shaped like an evaluation set mid-training (40 meanings, a modality offset); a warm ' +
        'refresh follows a small step of training. Wall-clock milliseconds in Node, one thread; the app runs the ' +
        'same code in its projection worker, off the page’s main thread. Points = image and caption codes.',
      'At more than 10,000 points UMAP’s first layout is fitted once per run (three warm refreshes follow it).',
    ],
  };
}
