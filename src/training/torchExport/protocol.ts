import type { ExperimentConfig } from '../../core/experiment/config';

/** Page -> worker: the experiment to export, and the page's URL (the emoji files are fetched from it). */
export interface TorchExportRequest {
  readonly config: ExperimentConfig;
  readonly baseUrl: string;
}

/** Worker -> page: the project as a .zip (its buffer is transferred), or why it could not be made. */
export type TorchExportResponse =
  | { readonly ok: true; readonly zip: Uint8Array; readonly files: number }
  | { readonly ok: false; readonly error: string };
