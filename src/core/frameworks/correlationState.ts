import { tf } from '../tf';
import type { ModelState, SharedCodes, StateSnapshot } from './framework';
import type { HostBatch, TensorBatch } from '../data/batch';
import { allFinite, CcaReadout } from '../linalg/ccaReadout';
import type { Modality } from '../data/modalities';

/**
 * About how many recent training pairs the shared-space readout is fitted on. Enough to estimate
 * 32-wide covariances well (an average over older batches would describe older weights, and retrieves
 * worse); their pixels cost 12 KB a pair.
 */
export const READOUT_PAIRS = 1024;

/** How the state reaches the model: its towers on a batch of host pairs, for refitting the readout. */
export interface CorrelationStateOptions {
  /** Width of each tower's output. */
  readonly dim: number;
  /** Relative ridge of the readout's covariances (the config's ccaReg). */
  readonly ccaReg: number;
  /** The run's modalities in canonical order (two or three): one Φ each; the readout pairs the first two. */
  readonly modalities: readonly Modality[];
  /** Every tower's raw outputs on `host`, each [size, dim] (called inside tf.tidy). */
  readonly towers: (host: HostBatch) => SharedCodes;
}

/** The host part of a checkpoint: immutable, so a checkpoint shares it instead of copying pixels. */
interface HostPart {
  readonly recent: readonly HostBatch[];
  readonly readoutCurrent: boolean;
}

/** Names of the readout of the first pair (a, b): for image–text, the names files have always had. */
const readoutNames = ([a, b]: readonly Modality[]) => [
  `readout/mean/${a}`,
  `readout/mean/${b}`,
  `readout/project/${a}`,
  `readout/project/${b}`,
];
/** The sound's readout in a run of three, fitted against the caption (see `audioReadout`). */
const AUDIO_READOUT = [
  'readout/mean/audio',
  'readout/mean/audioText',
  'readout/project/audio',
  'readout/project/audioText',
];

/**
 * What the correlation framework learns besides its weights, changed only by `update` after a
 * training step (a loss computed to report it, like the trainer's probe, changes nothing):
 * - soft CCA's running correlation matrices, one Φ per modality of the run ('phi/image', …;
 *   losses/softCca.ts), [dim, dim] each, absent before the first step;
 * - the last ~READOUT_PAIRS training pairs (host arrays only), and the CCA readout
 *   (linalg/ccaReadout.ts) last fitted on them. The readout is refitted lazily, when the codes are
 *   asked for after the weights changed, and only when there are more pairs than dimensions; until
 *   then the last one fitted stays (none on a fresh model: the raw outputs are used).
 * A file keeps Φ and the readout fitted on the saved weights, not the pairs (12 KB each): a model
 * loaded from it evaluates as it did when saved, and refits on the pairs it trains on next.
 */
export class CorrelationState implements ModelState {
  private phi: tf.Tensor2D[] | null = null;
  /** Each Φ after the latest loss's batch, until `update` adopts them or the next loss replaces them. */
  private proposal: { batch: TensorBatch; phi: tf.Tensor2D[] } | null = null;
  private recent: readonly HostBatch[] = [];
  private fitted: CcaReadout | null = null;
  private audioFitted: CcaReadout | null = null;
  /** Whether `fitted` belongs to the current weights and pairs (false once a step happened since). */
  private current = true;

  /** Tensor names: one Φ per modality, the first pair's readout, the sound's readout (three only). */
  private readonly names: { phi: string[]; readout: string[]; audio: string[] };

  constructor(private readonly options: CorrelationStateOptions) {
    const { modalities } = options;
    if (modalities.length < 2) throw new Error('CorrelationState needs at least two modalities');
    this.names = {
      phi: modalities.map((m) => `phi/${m}`),
      readout: readoutNames(modalities),
      audio: modalities.length > 2 ? AUDIO_READOUT : [],
    };
  }

  /** One Φ per modality (in `modalities` order) before the next step, or undefined before the first one. */
  get runningCorrelations(): readonly tf.Tensor2D[] | undefined {
    return this.phi ?? undefined;
  }

  /**
   * Soft CCA's loss on `batch` gave the running matrices `running` (inside the step's tf.tidy or
   * optimizer.minimize): kept so that `update(batch)` can adopt them without running the towers again.
   * A step whose statistics are not finite keeps the old ones, so it cannot poison the next.
   */
  propose(batch: TensorBatch, running: readonly tf.Tensor2D[]): void {
    if (running.length !== this.names.phi.length)
      throw new Error(
        `CorrelationState: ${running.length} running matrices for ${this.names.phi.length} modalities`,
      );
    this.dropProposal();
    const next = tf.tidy(() => {
      const finite = allFinite([...running]);
      return running.map<tf.Tensor2D>((r, i) => tf.where(finite, r, this.phi?.[i] ?? tf.zerosLike(r)));
    });
    this.proposal = { batch, phi: next.map((t) => tf.keep(t)) };
  }

  update(batch: TensorBatch): void {
    if (this.proposal) {
      if (this.proposal.batch !== batch)
        throw new Error('CorrelationState.update: the step’s batch is not the one its loss was computed on.');
      if (this.phi) tf.dispose(this.phi);
      this.phi = this.proposal.phi;
      this.proposal = null;
    }
    const recent = [...this.recent, batch.host];
    let pairs = recent.reduce((n, b) => n + b.size, 0);
    while (recent.length > 1 && pairs - recent[0].size >= READOUT_PAIRS) {
      pairs -= (recent.shift() as HostBatch).size;
    }
    this.recent = recent;
    this.current = false;
  }

  /** The readout for the current weights (refitted first if they changed), or null before any. */
  readout(): CcaReadout | null {
    if (this.current) return this.fitted;
    this.current = true;
    const pairs = this.recent.reduce((n, b) => n + b.size, 0);
    if (pairs <= this.options.dim) return this.fitted;
    // The first pair's two towers, and in a run of three (image, text, audio) the sound, fitted against
    // the caption, the first pair's second view.
    const { modalities } = this.options;
    const [a, b] = modalities;
    const [h1, h2, h3] = tf.tidy((): tf.Tensor2D[] => {
      const outs = this.recent.map((host) => this.options.towers(host));
      const of = (m: Modality) =>
        tf.concat(
          outs.map((o) => {
            const h = o[m];
            if (!h) throw new Error(`CorrelationState: the towers gave no ${m} outputs`);
            return h;
          }),
        );
      return modalities.length > 2 ? [of(a), of(b), of('audio')] : [of(a), of(b)];
    });
    this.fitted?.dispose();
    this.fitted = CcaReadout.fit(h1, h2, this.options.ccaReg);
    if (h3) {
      this.audioFitted?.dispose();
      this.audioFitted = CcaReadout.fit(h3, h2, this.options.ccaReg);
    }
    tf.dispose([h1, h2, ...(h3 ? [h3] : [])]);
    return this.fitted;
  }

  /**
   * The sound's readout, for a run of image, text and sound: linear CCA of the sound against the
   * caption, fitted with the image–text one (a run of two has the one readout of its pair). Both readouts write a caption in the same basis (its whitened
   * outputs, rotated by the canonical directions; see CcaReadout), so the sound's codes land in the space
   * of the image's and the caption's: its first view's codes are the sound's. Null before any fit.
   */
  audioReadout(): CcaReadout | null {
    this.readout();
    return this.audioFitted;
  }

  checkpoint(): StateSnapshot {
    const host: HostPart = { recent: this.recent, readoutCurrent: this.current };
    return { tensors: this.tensors(), host };
  }

  save(): Record<string, tf.Tensor> {
    this.readout();
    return this.tensors();
  }

  restore(snapshot: StateSnapshot): void {
    const { tensors } = snapshot;
    const host = snapshot.host as HostPart | undefined;
    this.check(tensors);
    this.dropProposal();
    if (this.phi) tf.dispose(this.phi);
    const { phi, readout: readoutNames, audio: audioNames } = this.names;
    this.phi = tensors[phi[0]] ? phi.map((n) => tf.clone(tensors[n]) as tf.Tensor2D) : null;
    this.fitted?.dispose();
    const readout = readoutNames.map((n) => tensors[n]) as tf.Tensor2D[];
    this.fitted = readout[0] ? CcaReadout.fromTensors(readout.map((t) => tf.clone(t))) : null;
    this.audioFitted?.dispose();
    const audio = audioNames.map((n) => tensors[n]) as tf.Tensor2D[];
    this.audioFitted = audio[0] ? CcaReadout.fromTensors(audio.map((t) => tf.clone(t))) : null;
    this.recent = host?.recent ?? [];
    // From a file, the readout was fitted on the saved weights, which are the ones now.
    this.current = host?.readoutCurrent ?? true;
  }

  dispose(): void {
    this.dropProposal();
    if (this.phi) tf.dispose(this.phi);
    this.phi = null;
    this.fitted?.dispose();
    this.fitted = null;
    this.audioFitted?.dispose();
    this.audioFitted = null;
    this.recent = [];
  }

  /** Copies of the state's tensors by name. */
  private tensors(): Record<string, tf.Tensor> {
    const out: Record<string, tf.Tensor> = {};
    const { phi, readout, audio } = this.names;
    this.phi?.forEach((t, i) => (out[phi[i]] = tf.clone(t)));
    this.fitted?.tensors().forEach((t, i) => (out[readout[i]] = tf.clone(t)));
    this.audioFitted?.tensors().forEach((t, i) => (out[audio[i]] = tf.clone(t)));
    return out;
  }

  /** Throws, changing nothing, unless `tensors` is a state this model can hold. */
  private check(tensors: Readonly<Record<string, tf.Tensor>>): void {
    const { dim } = this.options;
    const { phi, readout, audio } = this.names;
    // Means are [1, dim], every other matrix [dim, dim] (see CcaReadout.tensors).
    const shapes: Record<string, number[]> = Object.fromEntries(
      [...phi, ...readout, ...audio].map((n) => [n, n.startsWith('readout/mean/') ? [1, dim] : [dim, dim]]),
    );
    const problems: string[] = [];
    for (const [name, t] of Object.entries(tensors)) {
      const want = shapes[name];
      if (!want) problems.push(`${name} is not part of it`);
      else if (t.shape.join('x') !== want.join('x'))
        problems.push(`${name} is ${t.shape.join('x')}, the model needs ${want.join('x')}`);
    }
    for (const group of [phi, readout, audio]) {
      const present = group.filter((n) => tensors[n]).length;
      if (present > 0 && present < group.length)
        problems.push(`${group[0]} comes without the rest of its group`);
    }
    if (problems.length)
      throw new Error(
        `The saved correlation state does not fit this model: ${problems.slice(0, 3).join('; ')}.`,
      );
  }

  private dropProposal(): void {
    if (this.proposal) tf.dispose(this.proposal.phi);
    this.proposal = null;
  }
}
