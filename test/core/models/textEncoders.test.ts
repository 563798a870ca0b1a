import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../../src/core/tf';
import { useNodeBackend } from '../../../src/cli/nodeBackends';
import { createRng } from '../../../src/core/random/rng';
import { ParamStore } from '../../../src/core/models/params';
import { createTextEncoder } from '../../../src/core/models/textEncoders';
import type { TextEncoderName } from '../../../src/core/models/encoderNames';
import { TensorBatch } from '../../../src/core/data/batch';
import { expectClose, hostBatch, values } from '../../helpers/tensors';

beforeAll(() => useNodeBackend('cpu'));

const V = 10;
const HIDDEN = 6;
// Word ids 4..9 are ordinary words; row 2 is an empty caption.
const CAPTIONS = [[4, 5, 6], [7], [], [6, 5, 4]];

/** Runs a fresh encoder (seed 3) on CAPTIONS padded to length L; returns [4, HIDDEN] values. */
async function encode(name: TextEncoderName, L: number, captions = CAPTIONS): Promise<Float32Array> {
  const params = new ParamStore();
  const encoder = createTextEncoder(name, params, V, HIDDEN, createRng(3));
  expect(encoder.outDim).toBe(HIDDEN);
  const out = tf.tidy(() => {
    const y = encoder.apply(new TensorBatch(hostBatch(captions), V, L));
    expect(y.shape).toEqual([captions.length, HIDDEN]);
    return y;
  });
  const data = await values(out);
  out.dispose();
  params.dispose();
  return data;
}

const row = (data: Float32Array, i: number) => Array.from(data.subarray(i * HIDDEN, (i + 1) * HIDDEN));

describe('text encoders', () => {
  // The trained encoders; 'glove' (frozen word vectors) needs a loaded table and has its own tests.
  for (const name of ['bow', 'gru'] as const) {
    it(`'${name}' maps a batch to [b, hidden] without leaking tensors`, async () => {
      const before = tf.memory().numTensors;
      const data = await encode(name, 8);
      expect(data.every(Number.isFinite)).toBe(true);
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it("'gru' ignores padding: extra PAD tokens leave the state unchanged", async () => {
    // L = 5 holds BOS + 3 words + EOS exactly; L = 12 appends 7 PADs to the longest caption.
    const short = await encode('gru', 5);
    const long = await encode('gru', 12);
    expect(Array.from(long)).toEqual(Array.from(short));
  });

  it("'gru' reads word order, 'bow' does not", async () => {
    const gru = await encode('gru', 6);
    const bow = await encode('bow', 6);
    // Rows 0 and 3 hold the same words in reverse order.
    expectClose(row(bow, 3), row(bow, 0), 1e-6);
    expect(Math.max(...row(gru, 3).map((v, k) => Math.abs(v - row(gru, 0)[k])))).toBeGreaterThan(1e-3);
  });

  it("'gru' state depends only on its own row", async () => {
    // The same caption alone, or beside others in a batch, encodes the same.
    const batch = await encode('gru', 6);
    const alone = await encode('gru', 6, [CAPTIONS[3]]);
    expectClose(alone, row(batch, 3), 1e-6);
  });
});
