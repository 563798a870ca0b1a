/**
 * The page's first run: the run kept before a reload when the link asks for its settings, else the
 * link's run from scratch. Imported pairs are opened from the browser's storage first; a link to pairs
 * that are not there falls back on the built-in shapes with a notice that says why.
 */
import type { StoredDataset } from './persistence/datasets';
import { sameRun, type RunInProgressStore, type SavedRun } from './persistence/runInProgress';
import type { RunLauncher } from './runLauncher';
import type { RunState } from './runState';
import type { Store } from './store';
import type { LinkSettings } from './urlSync';

export interface PageStartDeps {
  run: Store<RunState>;
  launcher: Pick<RunLauncher, 'newRun' | 'restart' | 'resumeSaved' | 'anyRun'>;
  /** Opens a stored imported dataset by id. */
  openDataset: (id: string) => Promise<Pick<StoredDataset, 'data' | 'report'>>;
  /** Where the run in progress was kept (null: nothing is kept, every page starts afresh). */
  runStore: RunInProgressStore | null;
}

export function startPage(
  link: Pick<LinkSettings, 'config' | 'dataId'>,
  { run, launcher, openDataset, runStore }: PageStartDeps,
): void {
  /** The link's run from scratch. */
  const startFresh = () => {
    if (link.config.dataset !== 'imported') return launcher.newRun();
    // A link to imported pairs works only where they were imported: elsewhere, say so and use shapes.
    const fallBack = (why: string) =>
      launcher.restart({ ...run.getState().config, dataset: 'shapes' }, null, undefined, why);
    if (!link.dataId) return fallBack('This link asks for imported pairs but does not say which.');
    openDataset(link.dataId).then(
      (stored) => {
        if (run.getState().config.dataset === 'imported')
          launcher.restart(run.getState().config, { data: stored.data, report: stored.report });
      },
      (e: unknown) =>
        fallBack(
          `The imported dataset this link refers to could not be opened: ${e instanceof Error ? e.message : String(e)} ` +
            'Imported pairs stay in the browser they were imported in, so a link to them works only there. ' +
            'Showing the built-in shapes instead.',
        ),
    );
  };
  if (!runStore) return startFresh();

  // The run kept before a reload goes on when the link asks for its settings; any other link starts
  // afresh (the kept run stays stored until the new one has trained). Unless the user acted meanwhile.
  const untouched = () => !launcher.anyRun();
  const resumeOrFresh = (saved: SavedRun | null) => {
    if (!untouched()) return;
    if (!saved || !sameRun(saved, link.config, link.dataId)) return startFresh();
    if (saved.config.dataset !== 'imported' || !saved.dataId) return launcher.resumeSaved(saved, null);
    openDataset(saved.dataId).then(
      (stored) => untouched() && launcher.resumeSaved(saved, { data: stored.data, report: stored.report }),
      () => untouched() && startFresh(),
    );
  };
  runStore.load().then(resumeOrFresh, () => resumeOrFresh(null));
}
