/**
 * Playing a waveform through Web Audio: one AudioContext for the page (browsers cap how many a page may
 * open, and each holds an audio thread), created on the first Play click (a context created before any
 * user gesture starts suspended), one AudioBufferSourceNode per play. A new play stops the one before,
 * so clicking through points never stacks sounds.
 */

/** The part of AudioContext used here (lets tests pass a fake). */
export type AudioContextLike = Pick<
  AudioContext,
  'createBuffer' | 'createBufferSource' | 'destination' | 'state' | 'resume'
>;

export interface Playing {
  /** Resolves when the sound ends or is stopped. */
  ended: Promise<void>;
  stop(): void;
}

let shared: AudioContextLike | null = null;
let current: Playing | null = null;

/** The page's AudioContext, created on first use; null where the browser has no Web Audio. */
export function pageAudioContext(): AudioContextLike | null {
  if (shared) return shared;
  const Ctor =
    typeof window === 'undefined'
      ? undefined
      : (window.AudioContext ??
        (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext);
  if (!Ctor) return null;
  shared = new Ctor();
  return shared;
}

/**
 * Plays `samples` (mono, −1..1) at `sampleRate` Hz on `ctx`, stopping whatever this module was playing.
 * The samples are copied into an AudioBuffer, so the caller keeps its array.
 */
export function playWaveform(ctx: AudioContextLike, samples: Float32Array, sampleRate: number): Playing {
  if (samples.length === 0) throw new Error('playWaveform: the sound has no samples');
  current?.stop();
  // A context the browser suspended (no gesture yet, a background tab) would queue the sound silently.
  if (ctx.state === 'suspended') void ctx.resume();
  const buffer = ctx.createBuffer(1, samples.length, sampleRate);
  // getChannelData + set: copyToChannel's typing refuses a Float32Array over a shared buffer.
  buffer.getChannelData(0).set(samples);
  const source = ctx.createBufferSource();
  source.buffer = buffer;
  source.connect(ctx.destination);
  let stopped = false;
  const ended = new Promise<void>((resolve) => {
    source.onended = () => {
      stopped = true;
      resolve();
    };
  });
  source.start();
  const playing: Playing = {
    ended,
    stop() {
      if (stopped) return;
      stopped = true;
      source.stop();
    },
  };
  current = playing;
  void ended.then(() => {
    if (current === playing) current = null;
  });
  return playing;
}
