import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../../src/core/tf';
import { useNodeBackend } from '../../../src/cli/nodeBackends';
import { createRng } from '../../../src/core/random/rng';
import { ParamStore } from '../../../src/core/models/params';
import { TensorBatch } from '../../../src/core/data/batch';
import { BOS, EOS } from '../../../src/core/text/vocabulary';
import { greedyDecode } from '../../../src/core/decoding/greedy';
import { beamSearch } from '../../../src/core/decoding/beamSearch';
import { captionStepModel, createCaptionDecoder, WORD_DIM } from '../../../src/core/frameworks/encdec/captionDecoder';
import { maskedCrossEntropy } from '../../../src/core/frameworks/encdec/sequenceLoss';
import { pixelCrossEntropy } from '../../../src/core/frameworks/encdec/imageDecoder';
import { consistencyLoss } from '../../../src/core/frameworks/encdec/consistency';
import { attributeAccuracy, MISSING } from '../../../src/core/frameworks/encdec/attributeAccuracy';
import { expectClose, hostBatch, normals, values } from '../../helpers/tensors';

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
  return { params, decoder };
}

describe('caption decoder and teacher forcing', () => {
  it('gives the hand-worked negative log-likelihood per token, padding masked', async () => {
    const { params, decoder } = handWorkedDecoder();
    const loss = tf.tidy(() => {
      // Row 0: <s> w w </s>, row 1: <s> </s> <pad> <pad>.
      const tokens = tf.tensor2d([[BOS, W_ID, W_ID, EOS], [BOS, EOS, 0, 0]], [2, 4], 'int32');
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
    const tokens = [[BOS, 5, 6, 7, EOS], [BOS, 8, EOS, 0, 0]];
    const forced = tf.tidy(() => {
      const v = tf.tensor2d(normals(8, 4), [2, 4]);
      return tf.logSoftmax(decoder.teacherForce(v, tf.tensor2d(tokens, [2, 5], 'int32')).logits);
    });
    const stepped = tf.tidy(() => {
      let state = decoder.start(tf.tensor2d(normals(8, 4), [2, 4]));
      const rows: tf.Tensor2D[] = [];
      for (let t = 0; t < 4; t++) {
        const out = decoder.step(state, tf.tensor1d([tokens[0]![t]!, tokens[1]![t]!], 'int32'));
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

describe('encoder-decoder losses', () => {
  it('pixel cross-entropy equals the Bernoulli negative log-likelihood', async () => {
    const loss = tf.tidy(() => pixelCrossEntropy(tf.tensor2d([[0, 2, -3]]), tf.tensor2d([[0.5, 1, 0.2]])));
    const s = (z: number) => 1 / (1 + Math.exp(-z));
    const bce = (z: number, y: number) => -(y * Math.log(s(z)) + (1 - y) * Math.log(1 - s(z)));
    expectClose(await values(loss), [(bce(0, 0.5) + bce(2, 1) + bce(-3, 0.2)) / 3], 1e-6);
    loss.dispose();
  });

  it('consistency (mse) is the mean squared distance of unit latents: 2 − 2 cos', async () => {
    const loss = tf.tidy(() =>
      consistencyLoss(tf.tensor2d([[1, 0], [0, 1]]), tf.tensor2d([[0, 1], [0, 1]]), 'mse'),
    );
    // Pair 0 orthogonal (distance² 2), pair 1 identical (0).
    expectClose(await values(loss), [1], 1e-6);
    loss.dispose();
  });
});

describe('attribute accuracy', () => {
  it('scores each attribute and the whole item, seen and held-out apart', () => {
    const names = ['shape', 'colour'];
    const truth = Int32Array.from([0, 1, 2, 3, 4, 5]);
    const predicted = Int32Array.from([0, 1, 2, MISSING, 4, 0]);
    const scores = attributeAccuracy(predicted, truth, names, Uint8Array.from([0, 0, 1]));
    expect(scores.seen).toEqual({ shape: 1, colour: 0.5, all: 0.5, count: 2 });
    expect(scores.heldOut).toEqual({ shape: 1, colour: 0, all: 0, count: 1 });
  });
});

// hostBatch is used by the framework tests below; keep one import site for it.
export const _unused = [hostBatch, TensorBatch, afterAll];
