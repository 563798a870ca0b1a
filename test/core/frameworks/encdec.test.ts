import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../../src/core/tf';
import { useNodeBackend } from '../../../src/cli/nodeBackends';
import { createRng } from '../../../src/core/random/rng';
import { ParamStore } from '../../../src/core/models/params';
import { IMAGE_LENGTH, imageFloats } from '../../../src/core/data/pairs';
import { generateShapeCaptions } from '../../../src/core/data/shapes/shapeCaptions';
import { resolveConfig } from '../../../src/core/experiment/config';
import { FRAMEWORK_REGISTRY } from '../../../src/core/frameworks/registry';
import { isEncDecModel } from '../../../src/core/frameworks/encdec';
import type { EncDecEvaluation } from '../../../src/core/frameworks/encdec/evaluate';
import type { FrameworkExtra } from '../../../src/core/frameworks/frameworkExtra';
import { Trainer } from '../../../src/training/trainer';
import { BOS, EOS } from '../../../src/core/text/vocabulary';
import { greedyDecode } from '../../../src/core/decoding/greedy';
import { beamSearch } from '../../../src/core/decoding/beamSearch';
import {
  captionStepModel,
  createCaptionDecoder,
  WORD_DIM,
} from '../../../src/core/frameworks/encdec/captionDecoder';
import { maskedCrossEntropy } from '../../../src/core/frameworks/encdec/sequenceLoss';
import { expectClose, normals, values } from '../../helpers/tensors';

beforeAll(() => useNodeBackend('cpu'));

/** Sets the variable a ParamStore created under `name` (variable names carry a unique suffix). */
function setParam(params: ParamStore, name: string, data: number[], shape: number[]): void {
  const v = params.variables.find((x) => x.name.startsWith(`${name}_`));
  if (!v) throw new Error(`no parameter ${name}`);
  tf.tidy(() => v.assign(tf.tensor(data, shape)));
}

/** Vocabulary of the hand-worked decoder: the four specials and one word, 'w' = 4. */
const W_ID = 4;
const V = 5;
const H = 2;
const DIM = 1;

/**
 * A caption decoder whose next-word distribution depends only on the previous word, with round numbers:
 * the GRU's update gate is shut (bias −30, z ≈ 0), so h' = n = tanh(x Wn), and the embeddings put BOS
 * and 'w' on separate units at 20 (tanh(20) = 1 in float32): after BOS h = [0, 1], after 'w' h = [1, 0],
 * after anything else h = [0, 0]. The output layer then gives
 *   p(· | BOS) = softmax([0, 0, 0, 0, ln 6]):  p(w) = 6/10, p(EOS) = 1/10
 *   p(· | w)   = softmax([0, 0, 0, ln 3, 0]):  p(EOS) = 3/7, p(w) = 1/7
 */
function handWorkedDecoder() {
  const params = new ParamStore();
  const decoder = createCaptionDecoder(params, V, DIM, H, createRng(1));
  const E = new Array<number>(V * WORD_DIM).fill(0);
  E[W_ID * WORD_DIM + 0] = 20;
  E[BOS * WORD_DIM + 1] = 20;
  setParam(params, 'decoder/embed/E', E, [V, WORD_DIM]);
  setParam(params, 'decoder/init/w', [0, 0], [DIM, H]);
  setParam(params, 'decoder/init/b', [0, 0], [H]);
  const inDim = WORD_DIM + DIM;
  const Wg = new Array<number>(inDim * 3 * H).fill(0);
  // Columns: z (0, 1), r (2, 3), n (4, 5). Word unit 0 -> n0, word unit 1 -> n1.
  Wg[0 * 3 * H + 2 * H + 0] = 1;
  Wg[1 * 3 * H + 2 * H + 1] = 1;
  setParam(params, 'decoder/gru/W', Wg, [inDim, 3 * H]);
  setParam(params, 'decoder/gru/U', new Array<number>(H * 3 * H).fill(0), [H, 3 * H]);
  setParam(params, 'decoder/gru/b', [-30, -30, 0, 0, 0, 0], [3 * H]);
  const out = [0, 0, 0, Math.log(3), 0, 0, 0, 0, 0, Math.log(6)];
  setParam(params, 'decoder/out/w', out, [H, V]);
  setParam(params, 'decoder/out/b', [0, 0, 0, 0, 0], [V]);
  setParam(params, 'decoder/latentOut/w', [0, 0, 0, 0, 0], [DIM, V]);
  return { params, decoder };
}

/** The encoder-decoder's measurements, checked to be tagged as its own. */
function encdecOf(extra: FrameworkExtra): EncDecEvaluation {
  if (extra.framework !== 'encdec') throw new Error(`expected encdec measurements, got ${extra.framework}`);
  return extra.encdec;
}

describe('caption decoder and teacher forcing', () => {
  it('gives the hand-worked negative log-likelihood per token, padding masked', async () => {
    const { params, decoder } = handWorkedDecoder();
    const loss = tf.tidy(() => {
      // Row 0: <s> w w </s>, row 1: <s> </s> <pad> <pad>.
      const tokens = tf.tensor2d(
        [
          [BOS, W_ID, W_ID, EOS],
          [BOS, EOS, 0, 0],
        ],
        [2, 4],
        'int32',
      );
      const { logits, targets } = decoder.teacherForce(tf.zeros([2, DIM]), tokens);
      expect(logits.shape).toEqual([3 * 2, V]);
      expect(Array.from(targets.dataSync())).toEqual([W_ID, EOS, W_ID, 0, EOS, 0]);
      return maskedCrossEntropy(logits, targets);
    });
    // log p(row 0) = ln 0.6 + ln 1/7 + ln 3/7; log p(row 1) = ln 0.1; four real target tokens.
    const expected = -(Math.log(0.6) + Math.log(1 / 7) + Math.log(3 / 7) + Math.log(0.1)) / 4;
    expectClose(await values(loss), [expected], 1e-5);
    loss.dispose();
    params.dispose();
  });

  it('decodes the hand-worked distribution greedily and by beam search', async () => {
    const { params, decoder } = handWorkedDecoder();
    const before = tf.memory().numTensors;
    const model = captionStepModel(decoder);
    const initial = tf.tidy(() => decoder.start(tf.zeros([3, DIM])));
    const options = { bos: BOS, eos: EOS, maxLength: 5 };
    const greedy = await greedyDecode(model, initial, 3, options);
    // <s> -> w (0.6) -> </s> (3/7): the most probable sequence too (0.257 against 0.1 for the empty one).
    for (const g of greedy) {
      expect(Array.from(g.tokens)).toEqual([W_ID]);
      expect(g.logProb).toBeCloseTo(Math.log(0.6 * (3 / 7)), 5);
    }
    const beams = await beamSearch(model, initial, 3, { ...options, beamWidth: 2 });
    expect(beams.map((b) => Array.from(b.tokens))).toEqual([[W_ID], [W_ID], [W_ID]]);
    initial.dispose();
    expect(tf.memory().numTensors).toBe(before);
    params.dispose();
  });

  it('teacher forcing and step-by-step decoding give the same next-word distributions', async () => {
    const params = new ParamStore();
    const decoder = createCaptionDecoder(params, 9, 4, 6, createRng(3));
    const tokens = [
      [BOS, 5, 6, 7, EOS],
      [BOS, 8, EOS, 0, 0],
    ];
    const forced = tf.tidy(() => {
      const v = tf.tensor2d(normals(8, 4), [2, 4]);
      return tf.logSoftmax(decoder.teacherForce(v, tf.tensor2d(tokens, [2, 5], 'int32')).logits);
    });
    const stepped = tf.tidy(() => {
      let state = decoder.start(tf.tensor2d(normals(8, 4), [2, 4]));
      const rows: tf.Tensor2D[] = [];
      for (let t = 0; t < 4; t++) {
        const out = decoder.step(state, tf.tensor1d([tokens[0][t], tokens[1][t]], 'int32'));
        rows.push(tf.logSoftmax(out.logits));
        state = out.state;
      }
      return tf.concat(rows, 0); // position-major, like teacherForce
    });
    expectClose(await values(forced), await values(stepped), 1e-5);
    forced.dispose();
    stepped.dispose();
    params.dispose();
  });
});

describe('encdec framework', () => {
  const dataset = generateShapeCaptions({ seed: 5, trainSize: 48, evalSize: 24 });
  const small = {
    framework: 'encdec',
    trainSize: 48,
    evalSize: 24,
    batchSize: 8,
    dim: 8,
    imageHidden: 16,
    textHidden: 16,
    decoderHidden: 12,
  };
  const trainerFor = (raw: Record<string, unknown>) => {
    const { config, errors } = resolveConfig({ ...small, ...raw });
    expect(errors).toEqual([]);
    return new Trainer(config, dataset);
  };
  let trainer: Trainer;
  afterAll(() => trainer?.dispose());

  it('is registered with the mle loss and trains on wasm (no conv, no gather gradients)', () => {
    const { config } = resolveConfig({ framework: 'encdec' });
    expect(config.loss).toBe('mle');
    expect(FRAMEWORK_REGISTRY.encdec.unsupported(config, 'wasm')).toBeNull();
    const cnn = resolveConfig({ framework: 'encdec', imageEncoder: 'cnn' }).config;
    expect(FRAMEWORK_REGISTRY.encdec.unsupported(cnn, 'wasm')).toMatch(/conv2d/);
  });

  it('holds a constant number of tensors across training steps, in both directions', async () => {
    trainer = trainerFor({ direction: 'both', consistencyWeight: 0.5 });
    await trainer.train(1);
    const after1 = tf.memory().numTensors;
    await trainer.train(3);
    expect(tf.memory().numTensors).toBe(after1);
    const chunk = await trainer.train(1);
    expect(Number.isFinite(chunk.loss)).toBe(true);
  });

  it('embeds both modalities as unit latents', async () => {
    const batch = trainer.nextBatch();
    const [x, y] = tf.tidy(() => {
      const codes = trainer.model.embed(batch);
      return [tf.sum<tf.Tensor1D>(tf.square(codes.image), 1), tf.sum<tf.Tensor1D>(tf.square(codes.text), 1)];
    });
    expectClose(await values(x), new Array(8).fill(1), 1e-4);
    expectClose(await values(y), new Array(8).fill(1), 1e-4);
    x.dispose();
    y.dispose();
  });

  it('generates captions and images for the views without leaking tensors', async () => {
    const model = trainer.model;
    expect(isEncDecModel(model)).toBe(true);
    if (!isEncDecModel(model)) return;
    const before = tf.memory().numTensors;
    const images = imageFloats(dataset.eval.images, 0, 3);
    for (const strategy of ['beam', 'greedy', 'sample'] as const) {
      const captions = await model.generateCaptions(images, { strategy });
      expect(captions).toHaveLength(3);
      for (const c of captions) expect(typeof c.text).toBe('string');
    }
    expect(typeof (await model.generateCaption(images))).toBe('string');
    const drawn = await model.generateImages([
      'a small red circle in the centre',
      'a big blue star at the top',
    ]);
    expect(drawn).toBeInstanceOf(Float32Array);
    expect(drawn.length).toBe(2 * IMAGE_LENGTH);
    expect(Math.min(...drawn)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...drawn)).toBeLessThanOrEqual(1);
    expect((await model.generateImage('')).length).toBe(IMAGE_LENGTH);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('evaluates perplexity, BLEU and attribute accuracy as plain JSON, the judge cached', async () => {
    const first = await trainer.evaluate();
    const after = tf.memory().numTensors;
    const second = await trainer.evaluate();
    expect(tf.memory().numTensors).toBe(after);
    const e = encdecOf(second.extra);
    expect(e.direction).toBe('both');
    expect(e.items).toBe(24);
    expect(e.perplexity).toBeGreaterThan(1);
    expect(e.bleu).toHaveLength(4);
    for (const split of ['seen', 'heldOut'] as const) {
      for (const scores of [e.captionAccuracy!, e.imageAccuracy!, e.judgeAccuracy!]) {
        expect(Object.keys(scores[split]).sort()).toEqual([
          'all',
          'colour',
          'count',
          'position',
          'shape',
          'size',
        ]);
      }
    }
    expect(e.captionAccuracy!.seen.count + e.captionAccuracy!.heldOut.count).toBe(24);
    expect(e.samples.length).toBeGreaterThan(0);
    expect(typeof e.samples[0].generated).toBe('string');
    // The judge is trained once: the same verdicts on the real images both times.
    expect(encdecOf(first.extra).judgeAccuracy).toEqual(e.judgeAccuracy);
    expect(JSON.parse(JSON.stringify(second.extra))).toBeTruthy();
  });

  it('builds only the decoder a direction needs (and the dense image decoder)', async () => {
    const i2t = trainerFor({ direction: 'i2t', consistencyWeight: 0 });
    const t2i = trainerFor({ direction: 't2i', consistencyWeight: 0, imageDecoder: 'dense' });
    try {
      expect(isEncDecModel(i2t.model) && i2t.model.canCaption && !i2t.model.canDraw).toBe(true);
      expect(isEncDecModel(t2i.model) && t2i.model.canDraw && !t2i.model.canCaption).toBe(true);
      await t2i.train(2);
      const e = encdecOf((await t2i.evaluate()).extra);
      expect(e.perplexity).toBeNull();
      expect(e.bleu).toBeNull();
      expect(e.imageAccuracy).not.toBeNull();
      if (isEncDecModel(t2i.model))
        await expect(t2i.model.generateCaptions(new Float32Array(IMAGE_LENGTH))).rejects.toThrow(/t2i/);
    } finally {
      i2t.dispose();
      t2i.dispose();
    }
  });
});
