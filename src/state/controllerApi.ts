/** The actions and stores the UI uses: the controller's face (controller.ts implements it). */
import type { ExperimentConfig } from '../core/experiment/config';
import type { BackendChoice } from '../training/backendInfo';
import type { ImportedData, RunId, WorkerResponse } from '../training/protocol';
import type { InspectRequest, Inspection } from '../core/frameworks/framework';
import type { ModelWeights } from '../core/export/modelFile';
import type { ImportReportData } from './persistence/db';
import type { Store } from './store';
import type { RunState, SelectionState } from './runState';
import type { QueueItem, RunsState } from './runs';

export type Imported = { data: ImportedData; report: ImportReportData | null };
export type SearchAnswer = Extract<WorkerResponse, { type: 'searchResult' }>;
export type InspectAnswer = { step: number; inspection: Inspection | null };

export interface Controller {
  /** The run the page shows. */
  run: Store<RunState>;
  /** Every run of this page (the shown one too), the queue, and the runs compared side by side. */
  runs: Store<RunsState>;
  selection: Store<SelectionState>;
  /** Play: trains on to the target steps (a finished run goes on for another `config.steps`). */
  startTraining(): void;
  pauseTraining(): void;
  stepOnce(): void;
  /** Goes on training a finished run for another `config.steps` steps. */
  continueTraining(): void;
  resetRun(): void;
  /** Applies settings (validated; a bad value is reported and ignored) and restarts the run. */
  updateConfig(patch: Partial<Record<keyof ExperimentConfig, unknown>>): void;
  chooseBackend(choice: BackendChoice): void;
  scrubTo(index: number | null): void;
  selectPair(pair: number | null): void;
  hoverPoint(point: SelectionState['hovered']): void;
  searchText(text: string): void;
  searchImage(pair: number): void;
  dismissNotice(): void;
  /** Trains on imported pairs (switching the dataset to 'imported') and restarts the run. */
  useImportedData(data: ImportedData, report: ImportReportData | null): void;
  /** Restarts with `config` (and its imported pairs, when it trains on them), e.g. opened from the saved list. */
  openConfig(config: ExperimentConfig, imported?: Imported): void;
  /** Restarts from saved weights: their config (and imported pairs, when trained on them) come too. */
  openWeights(weights: ModelWeights, imported?: Imported): void;
  /** The current weights with the config and vocabulary that rebuild the model. */
  requestWeights(): Promise<ModelWeights>;
  /**
   * What the model makes of some evaluation pairs and typed captions on the current weights, and the
   * step it was made at; null when the framework has nothing to show (or the run was replaced).
   */
  inspect(request: InspectRequest): Promise<InspectAnswer>;
  /**
   * Trains the items one after another on the current backend (the page shows the one training); each
   * ended run is kept in `runs`, and one that fails or diverges does not stop the queue. Replaces any
   * queue under way; changing the settings by hand ends it. Returns the queue's id.
   */
  runQueue(items: readonly QueueItem[], label: string): number;
  /** Ends the queue: the run training pauses, it and those waiting are recorded as cancelled. */
  cancelQueue(): void;
  /** Shows two kept runs side by side (null ends the comparison). */
  compareRuns(pair: [RunId, RunId] | null): void;
  /** Shows a message in the notice bar. */
  notify(message: string): void;
  /** Rewrites the link (after what the page shows changed: a lesson opened, presentation mode). */
  refreshLink(): void;
  dispose(): void;
}
