/**
 * The shown run's settings <-> the URL hash, so a link reproduces a setup: the config, plus the backend
 * and the imported dataset's id beside it.
 */
import { decodeHash, encodeHash } from '../core/experiment/urlCodec';
import type { ExperimentConfig } from '../core/experiment/config';
import { BROWSER_BACKENDS, type BackendChoice } from '../training/backendInfo';
import { VIEW_KEYS } from './viewState';

/**
 * Keys in the hash beside the config: the backend, the id of the imported dataset, and what the page
 * shows (the lesson, presentation mode; read by viewState.ts). They are never taken for settings.
 */
const EXTRA_KEYS = ['backend', 'data', ...VIEW_KEYS] as const;

/** What a link asks for. */
export interface LinkSettings {
  config: ExperimentConfig;
  backendChoice: BackendChoice;
  /** The imported dataset's id, when the link names one. */
  dataId: string | undefined;
  /** Says which settings were not understood (and were reset to their defaults), or null. */
  notice: string | null;
  /** The view keys of the link (lesson, present, hide), for viewState.ts to read. */
  view: Record<string, string>;
  /** Whether the link sets any experiment setting (a lesson link without any takes the lesson's). */
  hasSettings: boolean;
}

export function readLink(hash: string): LinkSettings {
  const decoded = decodeHash(hash, EXTRA_KEYS);
  const named = decoded.extras.backend;
  const known = named !== undefined && (BROWSER_BACKENDS as readonly string[]).includes(named);
  const errors = [...decoded.errors];
  if (named && !known) errors.push(`unknown backend ${JSON.stringify(named.slice(0, 20))}`);
  return {
    config: decoded.config,
    backendChoice: known ? (named as BackendChoice) : 'auto',
    dataId: decoded.extras.data,
    view: Object.fromEntries(
      Object.entries(decoded.extras).filter(([k]) => (VIEW_KEYS as readonly string[]).includes(k)),
    ),
    hasSettings: Object.keys(decoded.raw).length > 0,
    notice: errors.length
      ? `Some settings in this link were not understood and were reset to their defaults: ${errors.join('; ')}.`
      : null,
  };
}

/** Replaces the page's URL (no history entry) with the link to these settings. */
export function writeLink(
  location: Pick<Location, 'pathname' | 'search'>,
  history: Pick<History, 'replaceState'>,
  settings: { config: ExperimentConfig; backendChoice: BackendChoice; dataId: string | undefined },
  /** Keys written after the settings (the view's: lesson, present, hide). */
  viewExtras: Record<string, string> = {},
): void {
  const { config, backendChoice, dataId } = settings;
  const extras: Record<string, string> = backendChoice === 'auto' ? {} : { backend: backendChoice };
  Object.assign(extras, viewExtras);
  if (config.dataset === 'imported' && dataId) extras.data = dataId;
  const hash = encodeHash(config, extras);
  history.replaceState(null, '', hash || location.pathname + location.search);
}
