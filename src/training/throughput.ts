/**
 * Training throughput as a stopwatch measures it: pairs trained (steps × batch) over the wall time they
 * took while playing, evaluations and the pauses between chunks included. Timing the optimizer steps
 * alone overstated it: at 20,000 pairs the evaluations took most of the time, and the page showed about
 * three times the rate a user could count. A sliding window follows a change of pace (a backend
 * warming up, a larger evaluation set) within seconds, and time spent paused never counts.
 */

/** A sample: the trainer's step at a moment of the clock (ms). */
interface Mark {
  readonly t: number;
  readonly step: number;
}

export class ThroughputMeter {
  private marks: Mark[] = [];
  /** The wall time (ms) the last rate `record` returned was measured over. */
  spanMs = 0;

  /**
   * windowMs: the span the rate is measured over, long enough to hold several evaluations.
   * now: the clock in milliseconds (passed in so tests can drive it).
   */
  constructor(
    private readonly windowMs = 10_000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Training (re)starts at `step`: what came before, and the time paused, does not count. */
  start(step: number): void {
    this.marks = [{ t: this.now(), step }];
    this.spanMs = 0;
  }

  /**
   * The trainer reached `step`; `batch` pairs per step. Returns pairs per second over the window
   * (0 before any time has passed since start).
   */
  record(step: number, batch: number): number {
    const t = this.now();
    this.marks.push({ t, step });
    // Drop marks before the window, keeping the last one at or before its start, so the measured span
    // covers the whole window once training has run that long.
    while (this.marks.length > 2 && this.marks[1].t <= t - this.windowMs) this.marks.shift();
    const first = this.marks[0];
    this.spanMs = t - first.t;
    const seconds = this.spanMs / 1000;
    return seconds > 0 ? ((step - first.step) * batch) / seconds : 0;
  }
}
