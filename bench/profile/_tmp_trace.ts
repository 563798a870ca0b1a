import { readFileSync } from 'node:fs';
import { launchChromium } from '../browser/chromium';
import { serveBuiltApp } from '../browser/servers';
import { openApp, play, quietContext, waitReady } from '../browser/appPage';
const hash = process.argv[2] ?? '';
const app = await serveBuiltApp();
const browser = await launchChromium(console.error);
const context = await quietContext(browser);
const page = await openApp(context, app.url, hash);
await waitReady(page, 180000);
await browser.startTracing(page, { path: '/tmp/lt/trace.json', categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
await play(page);
await page.waitForTimeout(15000);
await browser.stopTracing();
await browser.close(); await app.close();
const trace = JSON.parse(readFileSync('/tmp/lt/trace.json', 'utf8'));
const events = trace.traceEvents as { name: string; ph: string; dur?: number; tid: number; pid: number; args?: any }[];
const threadNames = new Map<string, string>();
for (const e of events) if (e.name === 'thread_name') threadNames.set(`${e.pid}:${e.tid}`, e.args.name);
const main = [...threadNames.entries()].filter(([, n]) => n === 'CrRendererMain').map(([k]) => k);
const by = new Map<string, { ms: number; n: number; max: number }>();
for (const e of events) {
  if (e.ph !== 'X' || !main.includes(`${e.pid}:${e.tid}`)) continue;
  const r = by.get(e.name) ?? { ms: 0, n: 0, max: 0 };
  r.ms += (e.dur ?? 0) / 1000; r.n++; r.max = Math.max(r.max, (e.dur ?? 0) / 1000); by.set(e.name, r);
}
for (const [k, v] of [...by.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25)) console.log(v.ms.toFixed(0).padStart(7), String(v.n).padStart(6), v.max.toFixed(1).padStart(7), k);
