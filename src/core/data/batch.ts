import { tf } from '../tf';
import type { Rng } from '../random/rng';
import {
  AUDIO_FRAMES,
  AUDIO_LENGTH,
  AUDIO_MELS,
  IMAGE_CHANNELS,
  IMAGE_LENGTH,
  IMAGE_SIZE,
  copyImageFloats,
  type PairSet,
} from './pairs';
import type { Vocabulary } from '../text/vocabulary';
import { BOS, EOS, UNK, encodeWords } from '../text/vocabulary';

/**
 * A pair set with every caption tokenised once, up front, so batching is only copying numbers.
 * captionIds[i][c] holds the word indices of caption c of pair i (no BOS/EOS).
 */
export interface EncodedPairSet {
  readonly set: PairSet;
  readonly vocab: Vocabulary;
  readonly captionIds: readonly (readonly Int32Array[])[];
}

export function encodePairSet(set: PairSet, vocab: Vocabulary): EncodedPairSet {
  const captionIds = set.captions.map((caps) => caps.map((c) => Int32Array.from(encodeWords(vocab, c))));
  return { set, vocab, captionIds };
}

/** The host-side numbers of one batch: images, one caption per pair, attributes when known. */
export interface HostBatch {
  readonly size: number;
  /** Dataset indices of the rows. */
  readonly indices: Int32Array;
  /** [size, 32, 32, 3] floats in [0, 1] (a byte column converted here, a batch at a time). */
  readonly images: Float32Array;
  /** Word ids of the caption chosen for each row. */
  readonly captionIds: readonly Int32Array[];
  /** [size, nAttributes], when the set has attributes. */
  readonly attributes?: Int32Array;
  /** [size, AUDIO_FRAMES, AUDIO_MELS] log-mel features, when the set has sound. */
  readonly audio?: Float32Array;
}

/**
 * Gathers rows `indices` of an encoded set. With an `rng`, each row gets one of its captions at random
 * (training sees every phrasing); without, caption 0 (evaluation is fixed).
 */
export function gatherBatch(data: EncodedPairSet, indices: ArrayLike<number>, rng?: Rng): HostBatch {
  const n = indices.length;
  const images = new Float32Array(n * IMAGE_LENGTH);
  const captionIds: Int32Array[] = [];
  const { attributes } = data.set;
  const nAttr = attributes ? attributes.length / data.set.size : 0;
  const attr = attributes ? new Int32Array(n * nAttr) : undefined;
  const sound = data.set.audio;
  const audio = sound ? new Float32Array(n * AUDIO_LENGTH) : undefined;
  for (let r = 0; r < n; r++) {
    const i = indices[r];
    copyImageFloats(data.set.images, i, images, r * IMAGE_LENGTH);
    const caps = data.captionIds[i];
    captionIds.push(caps[rng ? rng.int(caps.length) : 0]);
    if (attr && attributes) attr.set(attributes.subarray(i * nAttr, (i + 1) * nAttr), r * nAttr);
    if (audio && sound) audio.set(sound.subarray(i * AUDIO_LENGTH, (i + 1) * AUDIO_LENGTH), r * AUDIO_LENGTH);
  }
  return {
    size: n,
    indices: Int32Array.from(indices),
    images,
    captionIds,
    ...(attr ? { attributes: attr } : {}),
    ...(audio ? { audio } : {}),
  };
}

/**
 * Tensor views of a HostBatch, made on first use so a model pays only for the inputs it reads.
 * Create and use it inside `tf.tidy` (or `optimizer.minimize`): the tidy scope disposes the tensors.
 */
export class TensorBatch {
  private cache = new Map<string, tf.Tensor>();
  constructor(
    readonly host: HostBatch,
    /** Vocabulary size V. */
    readonly vocabSize: number,
    /** Length L of token sequences (BOS + words + EOS, padded). */
    readonly seqLength: number,
  ) {}

  get size(): number {
    return this.host.size;
  }

  /** [b, 32, 32, 3] in [0, 1]. */
  images(): tf.Tensor4D {
    return this.memo('images', () =>
      tf.tensor4d(this.host.images, [this.size, IMAGE_SIZE, IMAGE_SIZE, IMAGE_CHANNELS]),
    );
  }

  /** [b, 3072]: the images flattened, for dense encoders. */
  imagesFlat(): tf.Tensor2D {
    return this.memo('imagesFlat', () => tf.tensor2d(this.host.images, [this.size, IMAGE_LENGTH]));
  }

  /** [b, AUDIO_FRAMES, AUDIO_MELS] log-mel features (frames along axis 1). Throws when the data has no sound. */
  audio(): tf.Tensor3D {
    const a = this.hostAudio();
    return this.memo('audio', () => tf.tensor3d(a, [this.size, AUDIO_FRAMES, AUDIO_MELS]));
  }

  /** [b, AUDIO_LENGTH]: the features flattened frame by frame, for dense encoders. */
  audioFlat(): tf.Tensor2D {
    const a = this.hostAudio();
    return this.memo('audioFlat', () => tf.tensor2d(a, [this.size, AUDIO_LENGTH]));
  }

  private hostAudio(): Float32Array {
    const a = this.host.audio;
    if (!a) throw new Error('TensorBatch: this batch has no sound (the data has no audio column)');
    return a;
  }

  /** [b, V] bag of words, each row summing to 1 (an empty caption counts as one <unk>). */
  bow(): tf.Tensor2D {
    return this.memo('bow', () => {
      const V = this.vocabSize;
      const out = new Float32Array(this.size * V);
      this.host.captionIds.forEach((ids, r) => {
        if (ids.length === 0) out[r * V + UNK] = 1;
        for (const id of ids) out[r * V + id] = out[r * V + id] + 1 / ids.length;
      });
      return tf.tensor2d(out, [this.size, V]);
    });
  }

  /** [b, L] int32: BOS, word ids, EOS, then PAD (0); truncated to L. */
  tokens(): tf.Tensor2D {
    return this.memo('tokens', () => tf.tensor2d(this.tokenArray(), [this.size, this.seqLength], 'int32'));
  }

  /** The same sequences as `tokens()`, host-side: [b * L]. */
  tokenArray(): Int32Array {
    const L = this.seqLength;
    const out = new Int32Array(this.size * L);
    this.host.captionIds.forEach((ids, r) => {
      const seq = [BOS, ...ids, EOS].slice(0, L);
      out.set(seq, r * L);
    });
    return out;
  }

  /** [b, nAttributes] int32, or null when the data has no attributes. */
  attributes(): tf.Tensor2D | null {
    const a = this.host.attributes;
    if (!a) return null;
    return this.memo('attributes', () => tf.tensor2d(a, [this.size, a.length / this.size], 'int32'));
  }

  private memo<T extends tf.Tensor>(key: string, make: () => T): T {
    let t = this.cache.get(key);
    if (!t || t.isDisposed) {
      t = make();
      this.cache.set(key, t);
    }
    return t as T;
  }
}
