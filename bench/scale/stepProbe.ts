/**
 * Training per step at 1,000 against 20,000 own pairs, the sizes alternated back to back so that the load
 * of a shared machine falls on both alike. One page per size imports its zip (pairsZip.ts) into the built
 * app; then, round after round, each page plays for `--seconds` and pauses, in turn. Each window reports
 * the steps per second, and the CPU time of each thread of the renderers (training and projection
 * workers, main thread), of the GPU process and of the browser, from /proc: where a slower step's time
 * goes. The first round holds the start of each run (the first, cold layout) and is reported apart.
 *
 *   npx tsx bench/scale/stepProbe.ts --url http://127.0.0.1:4312/ [--rounds 4] [--seconds 10] [--sizes 1000,20000]
 *
 * The app must be served (a production build: `npm run build -- --outDir dist-x` and `vite preview`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { parseArgs } from 'node:util';
import { launchChromium } from '../../scripts/chromium';
import { findChromium } from '../browser/chromium';
import { openApp, play, quietContext, stepNow, waitReady, witness } from '../browser/appPage';
import { pairsZip } from './pairsZip';
import { currentLoad } from '../lib/machine';

/** Clock ticks per second of /proc's CPU times (USER_HZ, 100 on Linux). */
const TICK = 100;

/** CPU seconds per thread (`pid/tid name`) of the processes under this one whose command line matches. */
function threadTimes(match: RegExp): Map<string, number> {
  const out = new Map<string, number>();
  const pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  const parent = new Map<string, string>();
  const cmd = new Map<string, string>();
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      parent.set(pid, stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1] ?? '');
      cmd.set(pid, readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
    } catch {
      // gone
    }
  }
  const ours = (pid: string): boolean => {
    for (let p = pid, i = 0; p && p !== '0' && i < 50; p = parent.get(p) ?? '', i++)
      if (p === String(process.pid)) return true;
    return false;
  };
  for (const pid of pids) {
    if (!ours(pid) || !match.test(cmd.get(pid) ?? '')) continue;
    let tids: string[];
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tids) {
      try {
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        out.set(`${pid}/${tid} ${name}`, (Number(f[11]) + Number(f[12])) / TICK);
      } catch {
        // gone
      }
    }
  }
  return out;
}

const cpuNow = () => ({
  renderer: threadTimes(/--type=renderer/),
  gpu: threadTimes(/--type=gpu-process/),
  /** The browser process itself and its utility processes (storage, network, audio). */
  other: threadTimes(/^(?![\s\S]*--type=(renderer|gpu-process))/),
  utility: threadTimes(/--type=utility/),
});

function diff(a: Map<string, number>, b: Map<string, number>): [string, number][] {
  return [...b.entries()]
    .map(([k, v]) => [k, v - (a.get(k) ?? 0)] as [string, number])
    .filter(([, v]) => v >= 0.05)
    .sort((x, y) => y[1] - x[1]);
}

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    rounds: { type: 'string', default: '4' },
    seconds: { type: 'string', default: '10' },
    sizes: { type: 'string', default: '1000,20000' },
    hash: { type: 'string', default: 'backend=auto&steps=1000000' },
  },
});
if (!values.url) throw new Error('--url of the served app is needed');
const url = values.url;
const sizes = values.sizes.split(',').map(Number);
const seconds = Number(values.seconds);

/** A page with `n` imported pairs, ready to play (its first evaluation shown). */
async function importedPage(context: BrowserContext, n: number): Promise<Page> {
  const page = await openApp(context, url, values.hash);
  await waitReady(page, 180_000);
  await page.getByTestId('import-files').setInputFiles(pairsZip(n));
  await page.waitForFunction(
    () =>
      document.querySelector('[data-testid="data-current"]')?.getAttribute('data-ready') === 'imported' &&
      !document.querySelector<HTMLButtonElement>('[data-testid="play"]')?.disabled,
    null,
    { timeout: 300_000, polling: 100 },
  );
  return page;
}

/** Plays `page` for `seconds`, then pauses: steps per second, and CPU seconds per thread meanwhile. */
async function window(page: Page, n: number, label: string) {
  const load = currentLoad();
  const cpu0 = cpuNow();
  const tPlay = await play(page);
  const s0 = await stepNow(page);
  const perSecond: number[] = [];
  let last = s0.step;
  for (let s = 0; s < seconds; s++) {
    await page.waitForTimeout(1000);
    const now = (await stepNow(page)).step;
    perSecond.push(now - last);
    last = now;
  }
  const s1 = await stepNow(page);
  const cpu1 = cpuNow();
  await page.getByTestId('pause').click();
  const w = await witness(page);
  const during = w.messages.filter((m) => m.t >= tPlay && m.t <= s1.t && m.direction === 'in');
  const count = (worker: string, type: string) =>
    during.filter((m) => m.worker === worker && m.type === type).length;
  const layoutMs = during
    .filter((m) => m.worker === 'projection' && m.type === 'layout')
    .map((m) => m.ms ?? 0);
  const wall = (s1.t - s0.t) / 1000;
  const renderer = diff(cpu0.renderer, cpu1.renderer);
  const gpu = diff(cpu0.gpu, cpu1.gpu);
  const other = diff(cpu0.other, cpu1.other);
  const train = renderer.find(([k]) => k.includes('DedicatedWorker'))?.[1] ?? NaN;
  const sum = (xs: [string, number][]) => xs.reduce((a, [, v]) => a + v, 0);
  const result = {
    n,
    label,
    load: Number(load.toFixed(2)),
    fromStep: s0.step,
    steps: s1.step - s0.step,
    wall: Number(wall.toFixed(2)),
    stepsPerSecond: Number(((s1.step - s0.step) / wall).toFixed(1)),
    perSecond,
    trainCpuMsPerStep: Number(((train * 1000) / (s1.step - s0.step)).toFixed(1)),
    trainCpuShare: Number((train / wall).toFixed(2)),
    othersCores: Number(((sum(renderer) - train + sum(gpu) + sum(other)) / wall).toFixed(2)),
    snapshots: count('training', 'snapshot'),
    codes: count('training', 'codes'),
    layouts: layoutMs.length,
    previews: count('projection', 'preview'),
    layoutMs: Math.round(layoutMs.reduce((a, b) => a + b, 0)),
    threads: [...renderer.slice(0, 6), ...gpu.slice(0, 1), ...other.slice(0, 2)].map(
      ([k, v]) => `${k.replace(/^\d+\//, '')} ${v.toFixed(2)}`,
    ),
  };
  console.log(JSON.stringify(result));
  await page.waitForTimeout(1000);
  return result;
}

const browser = await launchChromium(findChromium(console.log));
try {
  const pages = new Map<number, Page>();
  for (const n of sizes) pages.set(n, await importedPage(await quietContext(browser), n));
  const totals = new Map<number, { steps: number; wall: number }>();
  for (let round = 0; round < Number(values.rounds); round++) {
    // Alternate which size goes first, so neither always follows the other.
    const order = round % 2 === 0 ? sizes : [...sizes].reverse();
    for (const n of order) {
      const r = await window(pages.get(n)!, n, round === 0 ? 'first' : `round ${round}`);
      if (round === 0) continue; // the first window holds the start (the cold layout): reported apart
      const t = totals.get(n) ?? { steps: 0, wall: 0 };
      totals.set(n, { steps: t.steps + r.steps, wall: t.wall + r.wall });
    }
  }
  const rate = (n: number) => {
    const t = totals.get(n);
    return t ? t.steps / t.wall : NaN;
  };
  const [base, ...others] = sizes as [number, ...number[]];
  for (const n of others)
    console.log(
      `steps/s after the first window: ${base} ${rate(base).toFixed(1)}, ${n} ${rate(n).toFixed(1)}; ` +
        `ratio ${(rate(n) / rate(base)).toFixed(3)}`,
    );
} finally {
  await browser.close();
}
