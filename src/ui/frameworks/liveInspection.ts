import type { InspectRequest, Inspection } from '../../core/frameworks/framework';

/** An inspection and the training step it was made at. */
export interface InspectionAnswer {
  step: number;
  inspection: Inspection | null;
}

export interface LiveInspectionOptions {
  /** Asks the worker (the controller's inspect). */
  send(request: InspectRequest): Promise<InspectionAnswer>;
  /** Receives every answer, in order. */
  onAnswer(answer: InspectionAnswer): void;
  /** Shortest time between two requests: a generation costs the worker time it would spend training. */
  minIntervalMs?: number;
  now?: () => number;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

/**
 * Keeps a view's inspection fresh without flooding the worker: at most one request in flight, at least
 * `minIntervalMs` between requests, and none while the view is inactive (scrolled away). Changes that
 * arrive meanwhile (a new snapshot, a new request) collapse into one request for the latest state.
 */
export class LiveInspection {
  private request: InspectRequest | null = null;
  private active = false;
  private dirty = false;
  private busy = false;
  private disposed = false;
  private last = -Infinity;
  private timer: unknown = null;
  private readonly minIntervalMs: number;
  private readonly now: () => number;
  private readonly setTimer: (run: () => void, ms: number) => unknown;
  private readonly clearTimer: (timer: unknown) => void;

  constructor(private readonly options: LiveInspectionOptions) {
    this.minIntervalMs = options.minIntervalMs ?? 500;
    this.now = options.now ?? (() => performance.now());
    this.setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms));
    this.clearTimer = options.clearTimer ?? ((t) => clearTimeout(t as ReturnType<typeof setTimeout>));
  }

  /** What to inspect (null: nothing); a new request is sent as soon as the limits allow. */
  setRequest(request: InspectRequest | null): void {
    this.request = request;
    this.refresh();
  }

  /** The weights changed (a new snapshot): inspect again. */
  refresh(): void {
    this.dirty = true;
    this.pump();
  }

  /** Whether the view is visible; an inactive view asks for nothing until it is active again. */
  setActive(active: boolean): void {
    this.active = active;
    this.pump();
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer !== null) this.clearTimer(this.timer);
    this.timer = null;
  }

  private pump(): void {
    if (this.disposed || this.busy || !this.dirty || !this.active || !this.request) return;
    const wait = this.last + this.minIntervalMs - this.now();
    if (wait > 0) {
      this.timer ??= this.setTimer(() => {
        this.timer = null;
        this.pump();
      }, wait);
      return;
    }
    this.busy = true;
    this.dirty = false;
    this.last = this.now();
    const done = (answer: InspectionAnswer | null) => {
      this.busy = false;
      if (this.disposed) return;
      if (answer) this.options.onAnswer(answer);
      this.pump();
    };
    this.options.send(this.request).then(done, () => done(null));
  }
}
