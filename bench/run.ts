/**
 * `npm run bench`: every figure of the benchmark suite, printed as a table and written to bench/RESULTS.md.
 *
 *   npm run bench                               all sections, 3 runs each
 *   npm run bench -- --quick                    1 run, short windows (to iterate on the bench)
 *   npm run bench -- --only node,torch          a subset; `browser` = every Chromium section
 *   npm run bench -- --only browser-train --browser-backends webgpu
 *   npm run bench -- --runs 5 --frameworks coordinated --no-write
 *
 * Sections: node (training, Node backends), torch (the PyTorch peer), memory, projection, browser-train,
 * browser-app (time to insight, long tasks, shared-space refreshes), coldstart, scatter, gpu-work (WebGPU
 * calls per training step on Dawn in Node), scale (the app with 1,000 / 5,000 / 20,000 imported pairs),
 * scale-100k (100,000 pairs: slow, run only when named in --only).
 * soak (30 minutes of training in the app with heap, tensors and renderer memory sampled: only when named
 * in --only; `--minutes N` for a shorter one).
 * Chromium: $CHROMIUM_PATH, else /usr/bin/chromium (installed with apt-get when missing).
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { FRAMEWORK_REGISTRY } from '../src/core/frameworks/registry';
import { SECTION_IDS, type Figure, type Section, type SectionId } from './lib/figures';
import { currentLoad, machineState } from './lib/machine';
import { loadResults, renderMarkdown, saveResults } from './lib/report';
import type { BenchOptions } from './lib/options';
import { nodeTraining } from './sections/nodeTraining';
import { torchReference } from './sections/torch';
import { memory } from './sections/memory';
import { projection } from './sections/projection';
import { gpuWork } from './sections/gpuWork';
import { browserSections, type BrowserSectionId } from './sections/browserSections';
import { soak } from './sections/soak';

const TITLES: Record<SectionId, string> = {
  node: 'Training throughput · Node',
  torch: 'Reference peer · PyTorch on the CPU',
  memory: 'Memory over a long run',
  projection: 'Projection time per refresh',
  'browser-train': 'Training throughput · headless Chromium, in the app’s worker',
  'browser-app': 'Time to insight, long tasks, shared-space refreshes · headless Chromium',
  coldstart: 'Cold start',
  scatter: 'Scatter draw time per frame · headless Chromium',
  'gpu-work': 'WebGPU work per training step · Dawn + SwiftShader in Node',
  soak: 'Soak · training, refreshing and scrubbing for half an hour · headless Chromium',
  scale: 'Your own pairs at scale · 1,000 / 5,000 / 20,000 imported pairs · headless Chromium',
  'scale-100k': 'Your own pairs at scale · 100,000 imported pairs · headless Chromium',
};
/** Run only when named: the 100,000-pair import, layout and training take a quarter of an hour here; the soak half an hour. */
const ON_REQUEST: SectionId[] = ['scale-100k', 'soak'];
const BROWSER_IDS: BrowserSectionId[] = ['browser-train', 'browser-app', 'coldstart', 'scatter'];

const { values: flags } = parseArgs({
  options: {
    only: { type: 'string' },
    quick: { type: 'boolean', default: false },
    runs: { type: 'string' },
    frameworks: { type: 'string' },
    'browser-backends': { type: 'string' },
    minutes: { type: 'string' },
    'no-write': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (flags.help) {
  console.log(
    `npm run bench -- [--only ${[...SECTION_IDS, 'browser'].join(',')}] [--quick] [--runs N] ` +
      `[--frameworks ${Object.keys(FRAMEWORK_REGISTRY).join(',')}] [--browser-backends webgpu,webgl,wasm,cpu] [--no-write]`,
  );
  process.exit(0);
}

const isSectionId = (s: string): s is SectionId => (SECTION_IDS as readonly string[]).includes(s);
const wanted = new Set<SectionId>(
  (flags.only?.split(',') ?? SECTION_IDS.filter((s) => !ON_REQUEST.includes(s))).flatMap((s) => {
    if (s === 'browser') return BROWSER_IDS;
    if (!isSectionId(s)) throw new Error(`unknown section ${s}`);
    return [s];
  }),
);
const options: BenchOptions = {
  quick: flags.quick,
  runs: Number(flags.runs ?? (flags.quick ? 1 : 3)),
  frameworks: flags.frameworks?.split(',') ?? Object.keys(FRAMEWORK_REGISTRY),
  log: (line) => console.error(`[bench] ${line}`),
};

const RESULTS_JSON = 'bench/results.json';
const RESULTS_MD = 'bench/RESULTS.md';
const results = loadResults(RESULTS_JSON);
const ran: Section[] = [];

async function record(
  id: SectionId,
  load: number,
  out: { figures: Figure[]; notes: string[] },
  browser?: string,
): Promise<void> {
  const section: Section = {
    id,
    title: TITLES[id],
    ranAt: new Date().toISOString(),
    machine: machineState(load, browser),
    figures: out.figures,
    notes: [
      ...(options.quick ? ['Quick mode: one short run per figure, for iterating only.'] : []),
      ...out.notes,
    ],
  };
  // Another bench may have written meanwhile (a soak lasts half an hour): the file's sections, then this run's.
  Object.assign(results, loadResults(RESULTS_JSON));
  ran.push(section);
  for (const s of ran) results[s.id] = s;
  if (!flags['no-write']) {
    // Written after each section, so a long bench keeps the table current as it goes.
    await saveResults(RESULTS_JSON, results);
    writeFileSync(RESULTS_MD, renderMarkdown(results));
  }
}

const nodeSections: [SectionId, (o: BenchOptions) => Promise<{ figures: Figure[]; notes: string[] }>][] = [
  ['torch', torchReference],
  ['node', nodeTraining],
  ['memory', memory],
  ['projection', projection],
  ['gpu-work', gpuWork],
];
for (const [id, run] of nodeSections) {
  if (!wanted.has(id)) continue;
  options.log(`— ${TITLES[id]}`);
  const load = currentLoad();
  await record(id, load, await run(options));
}
const browserWanted = [...BROWSER_IDS, 'scale' as const, 'scale-100k' as const].filter((id) =>
  wanted.has(id),
);
if (browserWanted.length)
  await browserSections(
    browserWanted,
    options,
    flags['browser-backends']?.split(','),
    (id, load, out, browser) => record(id, load, out, browser),
  );
if (wanted.has('soak')) {
  options.log(`— ${TITLES.soak}`);
  const load = currentLoad();
  await record('soak', load, await soak(options, Number(flags.minutes ?? 30)), 'Chromium');
}

console.log(
  renderMarkdown(
    results,
    ran.map((s) => s.id),
  ),
);
if (!flags['no-write']) console.error(`[bench] written to ${RESULTS_MD} and ${RESULTS_JSON}`);
