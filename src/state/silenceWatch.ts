/**
 * Notices a training worker that died without a word: terminated by the browser, or killed for memory
 * (neither fires an error on the page). While a run trains, the worker posts progress at least every
 * evaluation, so silence of SILENT_MS while training means it is gone. Time is counted in checks that
 * came on time: a page that was suspended (a laptop asleep, a frozen tab) is not taken for silence.
 */
export const SILENT_MS = 90_000;
const CHECK_MS = 5_000;

export interface SilenceWatch {
  /** The worker said something. */
  heard(): void;
  dispose(): void;
}

export function watchSilence(
  training: () => boolean,
  onSilent: (seconds: number) => void,
  now: () => number = () => Date.now(),
  silentMs = SILENT_MS,
): SilenceWatch {
  let silent = 0;
  let lastCheck = now();
  const timer = setInterval(() => {
    const t = now();
    const late = t - lastCheck > 3 * CHECK_MS;
    lastCheck = t;
    if (!training() || late) {
      silent = 0;
      return;
    }
    silent += CHECK_MS;
    if (silent >= silentMs) {
      silent = 0;
      onSilent(silentMs / 1000);
    }
  }, CHECK_MS);
  return {
    heard: () => {
      silent = 0;
    },
    dispose: () => clearInterval(timer),
  };
}
