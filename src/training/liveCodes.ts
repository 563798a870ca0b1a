/**
 * The shared space between evaluations. An evaluation (every `evalEvery` steps) measures the metrics and
 * brings the codes the shared space lays out, but at 25 steps apart it came every several seconds, so the
 * picture moved in jumps. While training plays, the session therefore embeds the pairs the space shows
 * (the bounded sample of evalSample.ts, the same at every size) about once a LIVE_CODES_MS and posts
 * their codes alone, without metrics: the page lays them out at once and says which step they are of.
 * Embedding 256 pairs costs about two training steps' forward passes, so the cadence stretches when that
 * would take more than LIVE_SHARE of the wall time (a slow backend, a busy machine): the view follows
 * training without slowing it by more than that share.
 *
 * Tensor-free (the page imports the merging below): the embedding itself is in liveEmbed.ts.
 */
import type { Modality } from '../core/data/modalities';
import type { RunId, Snapshot } from './protocol';

/** Aim for new codes this often while training plays, in ms: a refresh under a second. */
export const LIVE_CODES_MS = 700;
/** The largest share of wall time spent embedding codes for the view. */
export const LIVE_SHARE = 0.2;

/** The shown pairs' codes on the weights of `step`: the positions of a Snapshot without its metrics. */
export interface LiveCodes {
  runId: RunId;
  step: number;
  dim: number;
  /** [n, dim] each, L2-normalised: the same n pairs (and rows) as the run's snapshots. */
  image: Float32Array;
  text: Float32Array;
  /** Modalities besides image and text, [n, dim] each (as Snapshot.codes). */
  codes?: Partial<Record<Modality, Float32Array>>;
  /** Joint framework: the fused codes, [n, dim] (as Snapshot.fused). */
  fused?: Float32Array;
}

/** Worker -> page: codes of the shown pairs between evaluations (see above). */
export interface LiveCodesMessage {
  type: 'codes';
  runId: RunId;
  live: LiveCodes;
}

/** The buffers of a LiveCodes, for the transfer list (each array owns its buffer). */
export function liveBuffers(live: LiveCodes): ArrayBuffer[] {
  return [
    live.image.buffer,
    live.text.buffer,
    ...(live.fused ? [live.fused.buffer] : []),
    ...Object.values(live.codes ?? {}).map((c) => c.buffer),
  ] as ArrayBuffer[];
}

/**
 * When the next live codes are due. The clock (ms) is passed in. Every `intervalMs` after the last codes
 * (an evaluation's included), or longer when embedding took `costMs`: then every costMs / share, so that
 * embedding stays within `share` of the time. E.g. 700 ms and 0.2 with a 100 ms embedding: every 700 ms;
 * with a 200 ms one: every 1,000 ms.
 */
export class LiveCadence {
  private last = -Infinity;
  private costMs = 0;

  constructor(
    private readonly intervalMs = LIVE_CODES_MS,
    private readonly share = LIVE_SHARE,
  ) {}

  /** Milliseconds between codes at the measured cost. */
  get periodMs(): number {
    return Math.max(this.intervalMs, this.costMs / this.share);
  }

  /** New codes reached the page at `now` (an evaluation's snapshot, or training (re)starting): wait a period. */
  shown(now: number): void {
    this.last = now;
  }

  /** Whether codes are due at `now`. */
  due(now: number): boolean {
    return now - this.last >= this.periodMs;
  }

  /** Live codes took `ms` to embed, ending at `now`. The cost follows a moving average (busy machines vary). */
  embedded(now: number, ms: number): void {
    this.last = now;
    this.costMs = this.costMs === 0 ? ms : 0.5 * this.costMs + 0.5 * ms;
  }
}

/**
 * What the shared space lays out: `snapshot` with the positions of `live` when those are of the same
 * run, the same pairs, width and kinds of codes, at a later step; else `snapshot` itself. The metrics
 * stay the snapshot's (its `step` becomes the codes' step: the page says which step each is of).
 */
export function withLiveCodes(
  snapshot: Snapshot | null,
  live: LiveCodes | null | undefined,
): Snapshot | null {
  if (!snapshot || !live) return snapshot;
  const codeKeys = (c: Snapshot['codes']) =>
    Object.keys(c ?? {})
      .sort()
      .join();
  const fits =
    live.runId === snapshot.runId &&
    live.step > snapshot.step &&
    live.dim === snapshot.dim &&
    live.image.length === snapshot.image.length &&
    Boolean(live.fused) === Boolean(snapshot.fused) &&
    codeKeys(live.codes) === codeKeys(snapshot.codes);
  if (!fits) return snapshot;
  return {
    ...snapshot,
    step: live.step,
    image: live.image,
    text: live.text,
    ...(live.codes ? { codes: live.codes } : {}),
    ...(live.fused ? { fused: live.fused } : {}),
  };
}
