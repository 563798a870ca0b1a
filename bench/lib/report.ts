/**
 * The bench's table: bench/results.json keeps every section's raw runs (a partial run replaces only the
 * sections it ran), bench/RESULTS.md is rendered from it, with the goals and the PyTorch peer beside
 * the figures.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { format, resolveConfig } from 'prettier';
import { formatNumber, SECTION_IDS, summarise, type Figure, type Section, type SectionId } from './figures';

export type Results = Partial<Record<SectionId, Section>>;

export function loadResults(path: string): Results {
  if (!existsSync(path)) return {};
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Results;
  } catch {
    return {};
  }
}

/** Written as Prettier would format it, so `npm run format:check` passes on a fresh bench run. */
export async function saveResults(path: string, results: Results): Promise<void> {
  const options = (await resolveConfig(path)) ?? {};
  writeFileSync(path, await format(JSON.stringify(results), { ...options, parser: 'json' }));
}

const medianOf = (f: Figure | undefined) => (f ? summarise(f.values).median : NaN);

/**
 * The peer's pairs/s: the faster of its thread settings (two threads, the comparison's setting; one
 * thread, which a busy 2-core machine can favour), or NaN when it has not run.
 */
function peer(results: Results): number {
  const medians = (results.torch?.figures ?? []).map(medianOf).filter(Number.isFinite);
  return medians.length ? Math.max(...medians) : NaN;
}

/** "×0.31 of PyTorch" beside each throughput figure of the default contrastive model. */
function peerColumn(f: Figure, sectionId: SectionId, torch: number): string {
  const trains = sectionId === 'node' || sectionId === 'browser-train';
  if (!trains || !f.name.startsWith('coordinated') || !Number.isFinite(torch)) return '';
  const m = medianOf(f);
  return Number.isFinite(m) ? `×${(m / torch).toFixed(2)} of PyTorch` : '';
}

function goalColumn(f: Figure): string {
  if (!f.goal) return '';
  return `${f.goal} ${f.meets ? '✅' : '❌'}`;
}

function sectionTable(s: Section, torch: number): string[] {
  const m = s.machine;
  const lines = [
    `## ${s.title}`,
    '',
    `Ran ${s.ranAt.replace('T', ' ').slice(0, 16)} UTC on ${m.cpu} (${m.cores} cores), Node ${m.node}` +
      `${m.browser ? `, ${m.browser}` : ''}; 1-minute load average ${m.loadBefore} before, ${m.loadAfter} after.`,
    '',
    '| figure | median | min | max | runs | unit | goal · peer | note |',
    '|---|--:|--:|--:|--:|---|---|---|',
  ];
  for (const f of s.figures) {
    const sum = summarise(f.values);
    const goal = [goalColumn(f), peerColumn(f, s.id, torch)].filter(Boolean).join(' · ');
    lines.push(
      `| ${f.name} | ${formatNumber(sum.median)} | ${formatNumber(sum.min)} | ${formatNumber(sum.max)} | ` +
        `${sum.n} | ${f.unit} | ${goal} | ${(f.note ?? '').replace(/\|/g, '/')} |`,
    );
  }
  if (s.notes.length) lines.push('', ...s.notes.map((n) => `- ${n}`));
  return [...lines, ''];
}

/** The benchmark's goals, each with where we stand. */
function summaryTable(results: Results, torch: number): string[] {
  const find = (id: SectionId, test: (f: Figure) => boolean) => results[id]?.figures.find(test);
  const browserCoordinated = (results['browser-train']?.figures ?? []).filter(
    (f) => f.name.startsWith('coordinated') && f.values.length,
  );
  const best = browserCoordinated.sort((a, b) => medianOf(b) - medianOf(a))[0];
  const nodeWasm = find('node', (f) => f.name === 'coordinated · wasm');
  const insight = find('browser-app', (f) => f.name.startsWith('time to insight'));
  const refresh = find('projection', (f) => f.name === 'UMAP warm refresh · 2,000 points');
  const inApp = find('browser-app', (f) => f.name.startsWith('projection worker time'));
  const tasks = find('browser-app', (f) => f.name.startsWith('main-thread long tasks while refreshing'));
  const draw = ['redraw', 'gliding'].map((k) =>
    find('scatter', (f) => f.name === `webgl · 100,000 points · ${k}`),
  );
  const v = (f: Figure | undefined, unit = '') => (f ? `${formatNumber(medianOf(f))}${unit}` : 'not run');
  const ok = (pass: boolean | undefined) => (pass === undefined ? '' : pass ? '✅' : '❌');
  const ratio = (f: Figure | undefined) =>
    f && Number.isFinite(torch) ? `×${(medianOf(f) / torch).toFixed(2)}` : '–';
  return [
    '## Where we stand',
    '',
    '| goal | target | now | |',
    '|---|---|---|---|',
    `| best in-browser backend vs PyTorch CPU (default contrastive model) | ≥ ×1 | ${best ? `${best.name.split(' · ')[1]} ${v(best, ' pairs/s')} = ${ratio(best)} of ${formatNumber(torch)} pairs/s` : 'not run'} | ${ok(best && Number.isFinite(torch) ? medianOf(best) >= torch : undefined)} |`,
    `| the same in Node (WASM) | | ${nodeWasm ? `${v(nodeWasm, ' pairs/s')} = ${ratio(nodeWasm)}` : 'not run'} | |`,
    `| time to insight (default lesson) | < 15 s | ${v(insight, ' s')} | ${ok(insight?.meets)} |`,
    `| projection refresh at 2,000 points | < 250 ms | ${v(refresh, ' ms')} in Node, ${v(inApp, ' ms')} in the app's worker | ${ok(refresh?.meets && (inApp?.meets ?? true))} |`,
    `| main-thread long tasks while refreshing | 0 | ${v(tasks)} | ${ok(tasks?.meets)} |`,
    `| 100,000 points per frame (WebGL) | < 16 ms | redraw ${v(draw[0], ' ms')}, gliding ${v(draw[1], ' ms')} | ${ok(draw[0] && draw[1] ? Boolean(draw[0].meets && draw[1].meets) : undefined)} |`,
    '',
  ];
}

/** The whole table; `only` limits the sections shown (the summary and the peer still use all results). */
export function renderMarkdown(results: Results, only: readonly SectionId[] = SECTION_IDS): string {
  const torch = peer(results);
  const sections = only.map((id) => results[id]).filter((s): s is Section => Boolean(s));
  return [
    '# Benchmarks',
    '',
    'Written by `npm run bench` (bench/run.ts; `npm run bench -- --help` for subsets). Each figure is the ' +
      'median of several runs, with min and max; raw runs are in bench/results.json. A partial run replaces ' +
      'only the sections it ran, so sections may come from different times and machine states: each says ' +
      'when it ran and how busy the machine was.',
    '',
    ...summaryTable(results, torch),
    ...sections.flatMap((s) => sectionTable(s, torch)),
  ].join('\n');
}
