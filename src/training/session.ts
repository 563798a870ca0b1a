/**
 * The training session the worker hosts: builds a Trainer for a config on a backend, runs it in chunks
 * while "playing", evaluates on the config's schedule and posts snapshots. DOM-free, driven by messages.
 */
import { tf } from '../core/tf';
import { frameworkOf } from '../core/frameworks/registry';
import { exportWeights } from './weightsIo';
import { exportResume } from './resumeState';
import { describeRun, loadRunData, probedMsPerStep, restoreWeights } from './runStart';
import { Trainer, type Evaluation } from './trainer';
import { chooseBackend } from './chooseBackend';
import { ThroughputMeter } from './throughput';
import { searchByImage, searchByText } from './search';
import type { RunId, WorkerRequest, WorkerResponse } from './protocol';
import { measure, snapshotOf } from './evaluationSnapshot';
import { inspectTrainer } from './inspection';
import type { InspectRequest } from '../core/frameworks/framework';
import { faultOf, watchDeviceLoss } from './deviceFaults';
import { LiveCadence } from './liveCodes';
import { embedShown } from './liveEmbed';
import { FullEvalBudget } from './fullEvalBudget';

/** Aim for chunks of about this many milliseconds: short enough to pause promptly, long enough to batch. */
const CHUNK_MS = 80;
/** Progress messages (the step counter) are throttled to ten a second: each one repaints part of the page. */
const PROGRESS_INTERVAL_MS = 100;

export class TrainingSession {
  private trainer: Trainer | null = null;
  /** The run the trainer belongs to (set as soon as its init arrives): every message about it says so. */
  private runId: RunId = 0;
  /** The trainer step this run trains to: training pauses there and 'finished' is posted. */
  private target = 0;
  /** Play once the run's init is done (a queued run); a pause meanwhile cancels it. */
  private autoplay = false;
  private latest: Evaluation | null = null;
  private running = false;
  private generation = 0;
  private msPerStep = 20;
  /** Pairs per second as shown: steps × batch over the wall time of playing, evaluations included. */
  private readonly throughput = new ThroughputMeter();
  /** When the shown pairs' codes are next embedded between evaluations (see liveCodes.ts). */
  private readonly live = new LiveCadence();
  /** Whether a full evaluation of a large set due on the schedule is made now (see fullEvalBudget.ts). */
  private fullEvals = new FullEvalBudget();
  private lastProgress = 0;
  /** The stored dataset's id when training on imported pairs. */
  private dataId: string | undefined;

  /** Settles when the training chunk, evaluation or weight export under way has (they never overlap). */
  private busy: Promise<unknown> = Promise.resolve();
  /** Settles when the latest init has (see 'init' in handle). */
  private initDone: Promise<void> = Promise.resolve();

  constructor(private readonly post: (message: WorkerResponse) => void) {}

  async handle(request: WorkerRequest): Promise<void> {
    try {
      switch (request.type) {
        case 'init': {
          // Inits run one at a time: two backend probes interleaving would switch TF.js's backend
          // under each other (a link that opens a lesson replaces the first run at once).
          // The generation moves on at once, so an init still loading or probing gives up.
          const generation = ++this.generation;
          this.setRunning(false);
          this.runId = request.runId;
          // A pause that arrives while the run is being built clears this.
          this.autoplay = request.play === true;
          const done = this.initDone.then(() => this.init(request, generation));
          this.initDone = done.catch(() => undefined);
          return await done;
        }
        case 'exportWeights':
          return await this.exportWeights(request.id, request.resume === true);
        case 'play':
          return this.play();
        case 'continue':
          if (request.runId !== this.runId || !this.trainer) return;
          this.target = this.trainer.step + request.steps;
          return this.play();
        case 'pause':
          this.autoplay = false;
          return this.setRunning(false);
        case 'step':
          return await this.stepOnce();
        case 'searchText':
          return await this.searchText(request.id, request.text, request.k);
        case 'searchImage':
          return await this.searchImage(request.id, request.index, request.k);
        case 'inspect':
          return await this.inspect(request.id, request.request);
      }
    } catch (e) {
      this.fail(e, request.type === 'init' ? request.runId : this.runId);
    }
  }

  /**
   * Reports a failure of run `runId`, unless a newer run has replaced it meanwhile; one of the backend
   * (its device lost, memory exhausted) is marked so, for the page to go on elsewhere.
   */
  private fail(e: unknown, runId: RunId): void {
    if (runId !== this.runId || this.lost) return; // after a device loss, failures only echo it
    this.setRunning(false);
    const fault = faultOf(e);
    this.post({
      type: 'error',
      runId,
      message: e instanceof Error ? e.message : String(e),
      ...(fault ? { fault } : {}),
    });
  }

  /** Why the backend's device was lost, once it was: this worker can no longer train on it. */
  private lost: string | null = null;

  /** The WebGPU device was lost: training stops at once (its kernels would do nothing) and the page is told. */
  private deviceLost(reason: string): void {
    if (this.lost) return;
    this.lost = reason;
    this.generation++; // the loop, an evaluation or an init under way give up
    this.setRunning(false);
    this.post({ type: 'error', runId: this.runId, message: reason, fault: 'backend' });
  }

  private async init(request: Extract<WorkerRequest, { type: 'init' }>, generation: number): Promise<void> {
    if (generation !== this.generation) return; // replaced before it began
    const { runId, config, targetSteps, backend: choice, baseUrl, data, weights, resume } = request;
    this.target = targetSteps;
    this.trainer?.dispose();
    this.trainer = null;
    this.latest = null;
    const runData = await loadRunData(config, baseUrl, data);
    if (generation !== this.generation) return; // a newer init arrived while loading
    const decision = await chooseBackend(choice, config, runData.dataset, runData.resources);
    if (generation !== this.generation) return; // a newer init arrived while probing
    watchDeviceLoss((reason) => this.deviceLost(reason));
    const problem = frameworkOf(config).unsupported(config, decision.backend);
    if (problem) throw new Error(problem);
    const built = new Trainer(config, runData.dataset, runData.resources);
    this.trainer = built;
    this.fullEvals = new FullEvalBudget();
    this.dataId = config.dataset === 'imported' ? data?.id : undefined;
    let continued = false;
    if (weights) {
      try {
        continued = await restoreWeights(built, weights, resume);
      } catch (e) {
        // Weights that do not fit this model (restoreWeights throws before it awaits): no trainer.
        built.dispose();
        this.trainer = null;
        throw e;
      }
      if (generation !== this.generation) return;
    }
    this.msPerStep = probedMsPerStep(decision);
    const restored = weights ? { step: weights.step, continued } : undefined;
    this.post({ type: 'ready', runId, info: describeRun(config, decision, built, runData, restored) });
    // Play may arrive during this first evaluation (a slow backend): the loop waits for it, so the
    // evaluation is of the starting step, not of a step trained meanwhile.
    const trainer = this.trainer;
    const first = (async () => this.evaluateAndPost(request.loss ?? (await trainer.probeLoss()), 0))();
    this.busy = first.catch(() => undefined);
    await first;
    if (generation !== this.generation) return;
    if (this.target <= this.trainer.step) this.finish();
    else if (this.autoplay) this.play();
  }

  private async exportWeights(id: number, withResume: boolean): Promise<void> {
    const trainer = this.trainer;
    if (!trainer) {
      this.post({
        type: 'weights',
        id,
        weights: null,
        message: 'There is no model yet: wait for the run to start.',
      });
      return;
    }
    // Reading the weights and Adam's state is asynchronous: on GPU backends a training chunk would run
    // in between and change (or dispose) what is being read. So the export waits for the chunk under way,
    // and the loop waits for the export before its next chunk.
    const read = (async () => {
      await this.busy;
      // Both read the trainer before their first await, so they describe the same step.
      return Promise.all([
        exportWeights(trainer, trainer.step, trainer.dataset.name, this.dataId),
        withResume ? exportResume(trainer) : undefined,
      ]);
    })();
    this.busy = read.catch(() => undefined);
    const [weights, resume] = await read;
    this.post({ type: 'weights', id, weights, ...(resume ? { resume } : {}) });
  }

  private play(): void {
    if (!this.trainer || this.running) return;
    if (this.trainer.step >= this.target) return this.finish();
    if (this.trainer.stopped) this.trainer.clearStop();
    this.setRunning(true);
    this.throughput.start(this.trainer.step);
    this.live.shown(performance.now());
    const runId = this.runId;
    // Not awaited (messages must get in between chunks), so its failures are reported here.
    this.loop(this.generation).catch((e: unknown) => this.fail(e, runId));
  }

  private setRunning(running: boolean): void {
    if (this.running === running) return;
    this.running = running;
    this.post({ type: 'running', runId: this.runId, running });
  }

  /** Pauses at the target and says so. */
  private finish(): void {
    this.setRunning(false);
    this.post({ type: 'finished', runId: this.runId, step: this.trainer?.step ?? 0 });
  }

  /**
   * Trains in chunks up to each evaluation step of the config's schedule until paused, stopped or at the
   * target (which is always evaluated, so a run's last snapshot is of its last step).
   */
  private async loop(generation: number): Promise<void> {
    let last: { step: number; loss: number; pairsPerSecond: number } | null = null;
    while (this.running && generation === this.generation && this.trainer) {
      const trainer = this.trainer;
      const { evalEvery } = trainer.config;
      const nextEval = (Math.floor(trainer.step / evalEvery) + 1) * evalEvery;
      const until = Math.min(nextEval, this.target);
      const n = Math.max(1, Math.min(until - trainer.step, Math.round(CHUNK_MS / this.msPerStep)));
      await this.busy; // an export of the weights under way (see exportWeights)
      if (!this.running || generation !== this.generation) break;
      const t0 = performance.now();
      const work = trainer.train(n);
      this.busy = work.catch(() => undefined);
      const chunk = await work;
      const ms = performance.now() - t0;
      if (generation !== this.generation) return;
      this.msPerStep = 0.7 * this.msPerStep + 0.3 * (ms / n);
      this.fullEvals.trained(ms);
      const batch = Math.min(trainer.config.batchSize, trainer.trainData.set.size);
      const pairsPerSecond = this.throughput.record(chunk.step, batch);
      if (chunk.stopped) {
        this.setRunning(false);
        this.post({ type: 'stopped', runId: this.runId, reason: chunk.stopped });
        return;
      }
      this.progress(chunk.step, chunk.loss, pairsPerSecond);
      last = { step: chunk.step, loss: chunk.loss, pairsPerSecond };
      const atTarget = chunk.step >= this.target;
      if (chunk.step % evalEvery === 0 || atTarget) {
        const evaluation = this.evaluateAndPost(chunk.loss, pairsPerSecond, chunk.scalars, atTarget);
        this.busy = evaluation.catch(() => undefined);
        await evaluation;
        this.live.shown(performance.now());
      } else if (evalEvery - (chunk.step % evalEvery) > n && this.live.due(performance.now())) {
        // Not when the next chunk ends at an evaluation: its snapshot brings the codes anyway.
        const t0 = performance.now();
        const codes = this.postLiveCodes();
        this.busy = codes.catch(() => undefined);
        await codes;
        this.live.embedded(performance.now(), performance.now() - t0);
      }
      if (generation !== this.generation) return;
      if (atTarget) return this.finish();
      // Let queued messages (pause, search) in between chunks.
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    // Paused: progress is throttled, so the last chunk reports now and the step counter stops at the real step.
    if (last && generation === this.generation)
      this.progress(last.step, last.loss, last.pairsPerSecond, true);
  }

  private async stepOnce(): Promise<void> {
    if (!this.trainer || this.running) return;
    this.trainer.clearStop();
    const chunk = await this.trainer.train(1);
    if (chunk.stopped) {
      this.post({ type: 'stopped', runId: this.runId, reason: chunk.stopped });
      return;
    }
    await this.evaluateAndPost(chunk.loss, 0, chunk.scalars);
  }

  private progress(step: number, loss: number, pairsPerSecond: number, always = false): void {
    const now = performance.now();
    if (!always && now - this.lastProgress < PROGRESS_INTERVAL_MS) return;
    this.lastProgress = now;
    const rateSpanMs = this.throughput.spanMs;
    this.post({ type: 'progress', runId: this.runId, step, loss, pairsPerSecond, rateSpanMs });
  }

  /** `full`: measure every evaluation pair even on a set larger than the sample (see evalSample.ts). */
  private async evaluateAndPost(
    loss: number,
    pairsPerSecond: number,
    scalars: Record<string, number> = {},
    full = false,
  ) {
    // The run and trainer at the start: a newer init may replace both while this evaluation awaits.
    const { trainer, runId } = this;
    if (!trainer) return;
    const measured = await measure(trainer, full, () => this.fullEvals);
    if (runId !== this.runId) return; // replaced meanwhile: its snapshot would only be dropped
    if (measured.complete) this.latest = measured.evaluation; // search needs every pair
    this.post({
      type: 'snapshot',
      runId,
      snapshot: snapshotOf(runId, measured, { loss, pairsPerSecond, scalars }),
    });
  }

  /** The shown pairs' codes on the current weights, posted without metrics (see liveCodes.ts). */
  private async postLiveCodes(): Promise<void> {
    const { trainer, runId } = this;
    if (!trainer) return;
    const live = await embedShown(trainer, runId);
    if (runId === this.runId && live.step === trainer.step) this.post({ type: 'codes', runId, live });
  }

  /** The evaluation set's codes on the current weights (re-embedded if training moved on). */
  private async current(): Promise<Evaluation | null> {
    if (!this.trainer) return null;
    if (!this.latest || this.latest.step !== this.trainer.step) this.latest = await this.trainer.evaluate();
    return this.latest;
  }

  private async searchText(id: number, text: string, k: number): Promise<void> {
    const evaluation = await this.current();
    if (!evaluation || !this.trainer) return;
    const result = await searchByText(this.trainer, evaluation, text, k);
    this.post({ type: 'searchResult', id, ...result });
  }

  private async searchImage(id: number, index: number, k: number): Promise<void> {
    const evaluation = await this.current();
    if (!evaluation) return;
    this.post({ type: 'searchResult', id, hits: searchByImage(evaluation, index, k), unknownWords: [] });
  }

  /**
   * Answers a view's inspection on the current weights. A failure (e.g. the run was replaced meanwhile)
   * is answered with its reason rather than stopping training.
   */
  private async inspect(id: number, request: InspectRequest): Promise<void> {
    const trainer = this.trainer;
    if (!trainer) {
      this.post({ type: 'inspection', id, step: 0, inspection: null, message: 'There is no model yet.' });
      return;
    }
    const step = trainer.step;
    try {
      this.post({ type: 'inspection', id, step, inspection: await inspectTrainer(trainer, request) });
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      this.post({ type: 'inspection', id, step, inspection: null, message });
    }
  }

  /** Tensors alive in the engine: the leak witness shown in the app. */
  static memory(): { numTensors: number; numBytes: number } {
    const m = tf.memory();
    return { numTensors: m.numTensors, numBytes: m.numBytes };
  }
}
