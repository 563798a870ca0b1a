/**
 * The user's own data and saved work, as verbs the UI calls: import files (off the UI thread, with
 * progress and cancel), then train on the accepted pairs; save and reopen datasets, settings and
 * trained weights. Storage problems become a message in the state, never a lost dataset or run: an
 * import that cannot be saved is still trained on, and says that it will not survive a reload.
 */
import { createStore, type Store } from '../store';
import type { Controller } from '../controller';
import { resolveConfig } from '../../core/experiment/config';
import { MIN_IMPORTED_IMAGES, datasetName, type ImportedPairs } from '../../core/data/import';
import { readModelFiles, type ModelWeights } from '../../core/export/modelFile';
import {
  createImportClient,
  type ImportJobHandle,
  type StartOptions,
} from '../../training/import/importClient';
import type { ImportFile, ImportPhase, PackedImport } from '../../training/import/protocol';
import type { ImportedData } from '../../training/protocol';
import type { ConfigRecord, DatasetRecord, ImportReportData, ModelRecord } from './db';
import { newId } from './db';
import { deleteDataset, listDatasets, loadDataset, saveDataset } from './datasets';
import { deleteConfig, listConfigs, saveConfig } from './configs';
import { deleteModel, listModels, loadModel, saveModel } from './models';
import { StorageError } from './storageError';

export interface LibraryState {
  /** The import under way: its phase and how far it got; null when none. */
  progress: { phase: ImportPhase | 'saving'; done: number; total: number } | null;
  /** The report of the last import (or of the dataset last opened), by the data's name. */
  report: { name: string; report: ImportReportData; usable: boolean } | null;
  /** Why the last import or opening failed, in words; null when it did not. */
  problem: string | null;
  /** The last storage failure (full, unavailable, blocked) in words; null when saving works. */
  storageMessage: string | null;
  /** A one-line confirmation of the last action ('Saved “…”'). */
  status: string | null;
  /** Where the messages above belong: the import, or the saved list. */
  scope: 'import' | 'saved';
  datasets: DatasetRecord[];
  configs: ConfigRecord[];
  models: ModelRecord[];
}

export interface DataLibrary {
  readonly state: Store<LibraryState>;
  importFiles(files: readonly ImportFile[]): Promise<void>;
  cancelImport(): void;
  refresh(): Promise<void>;
  openDataset(id: string): Promise<void>;
  removeDataset(id: string): Promise<void>;
  saveSettings(name: string): Promise<void>;
  openSettings(id: string): Promise<void>;
  removeSettings(id: string): Promise<void>;
  saveWeights(name?: string): Promise<void>;
  openWeights(id: string): Promise<void>;
  removeWeights(id: string): Promise<void>;
  /** Opens a downloaded model (its zip, or model.json with weights.bin). */
  openModelFiles(files: readonly { name: string; bytes: Uint8Array }[]): Promise<void>;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The data's name: the dropped folder's or archive's (see datasetName). */
export function importName(files: readonly ImportFile[]): string {
  return datasetName(files.map((f) => f.path));
}

/** What the library needs of the import worker's client (a stand-in in tests). */
export interface ImportStarter {
  start(files: readonly ImportFile[], options: StartOptions): ImportJobHandle;
}

function reportOf(pairs: ImportedPairs | PackedImport, notes: ImportReportData['notes']): ImportReportData {
  return { summary: pairs.summary, rejected: pairs.rejected, notDropped: pairs.notDropped, notes };
}

const libraries = new WeakMap<Controller, DataLibrary>();

/** The library of `controller`'s app (one per controller). */
export function libraryFor(controller: Controller): DataLibrary {
  let lib = libraries.get(controller);
  if (!lib) libraries.set(controller, (lib = createDataLibrary(controller)));
  return lib;
}

/** `makeImportClient`: the import worker's client, made on the first import (a stand-in in tests). */
export function createDataLibrary(
  controller: Controller,
  makeImportClient: () => ImportStarter = createImportClient,
): DataLibrary {
  const state = createStore<LibraryState>({
    progress: null,
    report: null,
    problem: null,
    storageMessage: null,
    status: null,
    scope: 'import',
    datasets: [],
    configs: [],
    models: [],
  });
  let client: ImportStarter | null = null;
  let job: ImportJobHandle | null = null;

  /** Runs a storage action; a failure becomes the storage message (or the problem, for missing data). */
  const guard = async (work: () => Promise<string | void>) => {
    state.setState({ scope: 'saved', problem: null, status: null });
    try {
      const done = await work();
      state.setState({ status: done ?? null, problem: null, storageMessage: null });
    } catch (e) {
      if (e instanceof StorageError && e.problem !== 'missing' && e.problem !== 'other')
        state.setState({ storageMessage: e.message, status: null });
      else state.setState({ problem: message(e), status: null });
    }
  };

  const refresh = async () => {
    try {
      const [datasets, configs, models] = await Promise.all([listDatasets(), listConfigs(), listModels()]);
      state.setState({ datasets, configs, models });
    } catch (e) {
      state.setState({ storageMessage: message(e) });
    }
  };

  /** The imported pairs a saved config or model trains on: the ones in use, or from storage. */
  const importedFor = async (dataId: string | undefined) => {
    const current = controller.run.getState().imported;
    if (current && current.data.id === dataId) return current;
    if (!dataId) throw new StorageError('missing', 'It was trained on imported pairs that were never saved.');
    try {
      const stored = await loadDataset(dataId);
      return { data: stored.data, report: stored.report };
    } catch (e) {
      throw new StorageError(
        'missing',
        `It trains on imported pairs that are no longer stored in this browser (${message(e)}) Import them again first.`,
      );
    }
  };

  const openWeightsValue = async (weights: ModelWeights) => {
    const imported = weights.config.dataset === 'imported' ? await importedFor(weights.datasetId) : undefined;
    controller.openWeights(weights, imported);
    return (
      `Opened weights trained for ${weights.step} steps on ${weights.datasetName}: the step counter goes on ` +
      `from ${weights.step}, the metric history starts there, and Play trains another ${weights.config.steps} steps.`
    );
  };

  const lib: DataLibrary = {
    state,
    refresh,
    async importFiles(files) {
      if (job || files.length === 0) return;
      const name = importName(files);
      state.setState({
        progress: { phase: 'reading', done: 0, total: files.length },
        problem: null,
        status: null,
        scope: 'import',
      });
      try {
        client ??= makeImportClient();
        // Packed: the pixels, captions and paths reach this page, its storage and the training worker as
        // Blobs, so no step below copies or clones them on the UI thread.
        job = client.start(files, {
          pack: true,
          onProgress: (p) => state.setState({ progress: { ...p } }),
        });
        const outcome = await job.result;
        if (outcome.status === 'cancelled') {
          state.setState({ status: 'Import cancelled: nothing was changed.' });
          return;
        }
        const { pairs, notes } = outcome;
        const report = reportOf(pairs, notes);
        const usable = pairs.size >= MIN_IMPORTED_IMAGES;
        state.setState({ report: { name, report, usable } });
        if (!usable) {
          state.setState({
            problem: `Only ${pairs.size} usable image${pairs.size === 1 ? '' : 's'}: at least ${MIN_IMPORTED_IMAGES} are needed (2 to train on, 2 to evaluate).`,
          });
          return;
        }
        const data = {
          size: pairs.size,
          images: pairs.images,
          captions: pairs.captions instanceof Blob ? pairs.captions : pairs.captions.map((c) => [...c]),
          paths: pairs.paths instanceof Blob ? pairs.paths : [...pairs.paths],
          ...(pairs.sounds ? { sounds: [...pairs.sounds] } : {}),
        };
        state.setState({ progress: { phase: 'saving', done: 0, total: 1 } });
        let stored: ImportedData;
        try {
          stored = (await saveDataset(name, data, report)).data;
          state.setState({ storageMessage: null, status: `Imported and saved “${name}” in this browser.` });
          await refresh();
        } catch (e) {
          // Train on it all the same; it will not survive a reload, and the message says so.
          stored = { ...data, id: `unsaved-${newId()}`, name };
          state.setState({ storageMessage: `${message(e)} The imported pairs are used, but not kept.` });
        }
        controller.useImportedData(stored, report);
      } catch (e) {
        state.setState({ problem: `The import failed: ${message(e)}` });
      } finally {
        job = null;
        state.setState({ progress: null });
      }
    },
    cancelImport: () => job?.cancel(),
    openDataset: (id) =>
      guard(async () => {
        const stored = await loadDataset(id);
        state.setState({ report: { name: stored.record.name, report: stored.report, usable: true } });
        controller.useImportedData(stored.data, stored.report);
        return `Opened “${stored.record.name}”.`;
      }),
    removeDataset: (id) =>
      guard(async () => {
        await deleteDataset(id);
        await refresh();
        return 'Dataset deleted from this browser.';
      }),
    saveSettings: (name) =>
      guard(async () => {
        const { config, imported } = controller.run.getState();
        const dataId = config.dataset === 'imported' ? imported?.data.id : undefined;
        await saveConfig(name, config, dataId);
        await refresh();
        return `Saved the settings as “${name}”.`;
      }),
    openSettings: (id) =>
      guard(async () => {
        const record = state.getState().configs.find((r) => r.id === id);
        if (!record) throw new StorageError('missing', 'These settings are no longer stored.');
        const { config, errors } = resolveConfig(record.config);
        const imported = config.dataset === 'imported' ? await importedFor(record.dataId) : undefined;
        controller.openConfig(config, imported);
        return `Opened the settings “${record.name}”${errors.length ? ` (ignored: ${errors.join('; ')})` : ''}.`;
      }),
    removeSettings: (id) =>
      guard(async () => {
        await deleteConfig(id);
        await refresh();
        return 'Settings deleted from this browser.';
      }),
    saveWeights: (name) =>
      guard(async () => {
        const weights = await controller.requestWeights();
        const label =
          name?.trim() ||
          `${weights.config.framework} · ${weights.datasetName} · step ${weights.step}`.slice(0, 120);
        await saveModel(label, weights);
        await refresh();
        return `Saved the weights as “${label}”.`;
      }),
    openWeights: (id) => guard(async () => openWeightsValue(await loadModel(id))),
    removeWeights: (id) =>
      guard(async () => {
        await deleteModel(id);
        await refresh();
        return 'Weights deleted from this browser.';
      }),
    openModelFiles: (files) => guard(async () => openWeightsValue(readModelFiles(files))),
  };
  void refresh();
  return lib;
}
