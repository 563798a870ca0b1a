/**
 * Every section that needs Chromium, sharing one browser and one production build of the app (built
 * into a temporary folder, served by Vite's preview server); the scatter page comes from the dev server.
 */
import type { Figure, SectionId } from '../lib/figures';
import type { BenchOptions } from '../lib/options';
import { currentLoad } from '../lib/machine';
import { findChromium } from '../browser/chromium';
import { launchChromium } from '../../scripts/chromium';
import { serveBuiltApp, serveDev, type Served } from '../browser/servers';
import { browserTraining } from './browserTraining';
import { browserApp } from './browserApp';
import { coldStart } from './coldStart';
import { scatter } from './scatter';
import { HUGE_SIZE, SCALE_SIZES, scale } from './scale';

export type BrowserSectionId = Extract<
  SectionId,
  'browser-train' | 'browser-app' | 'coldstart' | 'scatter' | 'scale' | 'scale-100k'
>;
type Out = { figures: Figure[]; notes: string[] };

export async function browserSections(
  ids: BrowserSectionId[],
  options: BenchOptions,
  backends: string[] | undefined,
  record: (id: SectionId, load: number, out: Out, browser: string) => Promise<void>,
): Promise<void> {
  const browser = await launchChromium(findChromium(options.log));
  const version = `Chromium ${browser.version()}`;
  let app: Served | null = null;
  let dev: Served | null = null;
  try {
    if (ids.some((id) => id !== 'scatter')) {
      options.log('building the app');
      app = await serveBuiltApp();
    }
    for (const id of ids) {
      options.log(`— ${id}`);
      const load = currentLoad();
      let out: Out;
      if (id === 'browser-train') out = await browserTraining(browser, app!.url, options, backends);
      else if (id === 'browser-app') out = await browserApp(browser, app!.url, options);
      else if (id === 'coldstart') out = await coldStart(browser, app!.outDir!, app!.url, options);
      else if (id === 'scale') out = await scale(browser, app!.url, options, SCALE_SIZES);
      else if (id === 'scale-100k') out = await scale(browser, app!.url, options, [HUGE_SIZE]);
      else {
        dev ??= await serveDev();
        out = await scatter(browser, dev.url, options);
      }
      await record(id, load, out, version);
    }
  } finally {
    await browser.close();
    await app?.close();
    await dev?.close();
  }
}
