import { easeCubicInOut } from 'd3';

/**
 * Moves points from the previous layout to the next over a short time, so a refresh reads as motion
 * (which point went where) rather than a jump. The host calls `at(now)` from requestAnimationFrame.
 * A new target during a glide starts from where the points are at that moment: no snapping back.
 */
export interface Glide {
  /** Start gliding to `next` ([m, 2]) at time `now` (ms). A layout of another length is shown at once. */
  to(next: Float32Array, now: number): void;
  /** Positions at time `now`: a buffer reused between calls (copy it to keep it). Empty before `to`. */
  at(now: number): Float32Array;
  /** True until the glide has reached its target. */
  moving(now: number): boolean;
  /** The layout being glided to. */
  readonly target: Float32Array;
}

export function createGlide(durationMs = 300, ease: (t: number) => number = easeCubicInOut): Glide {
  let from = new Float32Array(0);
  let target = new Float32Array(0);
  let current = new Float32Array(0);
  let start = -Infinity;
  let lastT = 1;

  const at = (now: number): Float32Array => {
    const t = durationMs > 0 ? Math.min(1, Math.max(0, (now - start) / durationMs)) : 1;
    if (t === lastT && t >= 1) return current;
    lastT = t;
    const e = ease(t);
    for (let i = 0; i < target.length; i++) current[i] = from[i] + (target[i] - from[i]) * e;
    return current;
  };

  return {
    get target() {
      return target;
    },
    at,
    moving: (now) => durationMs > 0 && now - start < durationMs,
    to(next, now) {
      if (next.length !== target.length) {
        from = next.slice();
        current = next.slice();
        start = -Infinity;
      } else {
        from = at(now).slice();
        start = now;
      }
      target = next.slice();
      lastT = -1;
    },
  };
}
