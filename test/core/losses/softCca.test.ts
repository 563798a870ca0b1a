import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../../src/core/tf';
import { useNodeBackend } from '../../../src/cli/nodeBackends';
import { softCca, softCcaPairs, softDecorrelation, standardise } from '../../../src/core/losses/softCca';

/** Columns with mean 0 and (biased) variance 1, uncorrelated with each other. */
const ORTHOGONAL = [
  [1, 1],
  [-1, 1],
  [1, -1],
  [-1, -1],
];
/** Both columns equal: perfectly correlated features. */
const COPIED = [
  [1, 1],
  [1, 1],
  [-1, -1],
  [-1, -1],
];
const EPS = 1e-5; // the variance floor of the standardisation

async function run(a: number[][], b: number[][], lambda: number, previous?: [number[][], number[][]]) {
  const out = tf.tidy(() => {
    const { loss, running } = softCca(tf.tensor2d(a), tf.tensor2d(b), {
      lambda,
      momentum: 0.5,
      ...(previous ? { previous: [tf.tensor2d(previous[0]), tf.tensor2d(previous[1])] as const } : {}),
    });
    return [loss, ...running];
  });
  const [loss, phi1, phi2] = await Promise.all(out.map((t) => t.array()));
  tf.dispose(out);
  return { loss: loss as number, phi1: phi1 as number[][], phi2: phi2 as number[][] };
}

describe('soft CCA', () => {
  beforeAll(() => useNodeBackend('cpu'));

  it('is 0 for identical views of decorrelated features', async () => {
    const { loss, phi1 } = await run(
      ORTHOGONAL,
      ORTHOGONAL.map((r) => r.map((v) => 3 * v + 2)),
      1,
    );
    expect(loss).toBeCloseTo(0, 6);
    // Φ = zᵀz/(b − 1) with z = h/√(1 + ε): 4/3 on the diagonal, 0 off it.
    expect(phi1[0][0]).toBeCloseTo(4 / 3 / (1 + EPS), 6);
    expect(phi1[0][1]).toBeCloseTo(0, 6);
  });

  it('measures 2 − 2ρ per feature: ρ = 1 and ρ = −1 average to 2', async () => {
    const flipped = ORTHOGONAL.map(([a, b]) => [a, -b]);
    expect((await run(ORTHOGONAL, flipped, 0)).loss).toBeCloseTo(2 / (1 + EPS), 5);
  });

  it('penalises correlated features of one view by (1/d) Σ_{i≠j} |Φᵢⱼ|', async () => {
    // Φ of COPIED is 4/3 everywhere: SDL = (1/2)(4/3 + 4/3) = 4/3 per view, and the views match.
    const { loss } = await run(COPIED, COPIED, 0.5);
    expect(loss).toBeCloseTo(0.5 * 2 * (4 / 3 / (1 + EPS)), 5);
    const phi = tf.tensor2d([
      [1, -0.5],
      [-0.5, 1],
    ]);
    expect((await softDecorrelation(phi).data())[0]).toBeCloseTo(0.5, 6);
    phi.dispose();
  });

  it('blends the running correlation matrices, without a gradient through the old one', async () => {
    const previous: [number[][], number[][]] = [
      [
        [1, 0.6],
        [0.6, 1],
      ],
      [
        [1, 0],
        [0, 1],
      ],
    ];
    const { phi1, loss } = await run(ORTHOGONAL, ORTHOGONAL, 1, previous);
    expect(phi1[0][1]).toBeCloseTo(0.3, 6); // 0.5 · 0.6 + 0.5 · 0
    expect(loss).toBeCloseTo((2 * 0.3) / 2, 5); // only Φ₁ is off-diagonal: (1/d)·2·0.3
    const prev = tf.tensor2d(previous[0]);
    const g = tf.grad(
      (p: tf.Tensor) =>
        softCca(tf.tensor2d(ORTHOGONAL), tf.tensor2d(ORTHOGONAL), {
          lambda: 1,
          momentum: 0.5,
          previous: [p as tf.Tensor2D, prev],
        }).loss,
    )(prev);
    expect(Array.from(await g.data()).every((v) => v === 0)).toBe(true);
    tf.dispose([prev, g]);
  });

  it('starts as if the previous matrices were the batch’s own: same value, same gradient', async () => {
    const h1 = tf.tensor2d([
      [0.3, -1.2],
      [1.1, 0.4],
      [-0.7, 0.9],
      [0.2, -0.5],
    ]);
    const h2 = tf.tensor2d([
      [1, 0.2],
      [0.1, -0.8],
      [-0.9, 0.5],
      [0.6, 0.3],
    ]);
    const options = { lambda: 1, momentum: 0.5 };
    const own = softCca(h1, h2, options).running;
    const start = tf.valueAndGrad((h: tf.Tensor) => softCca(h as tf.Tensor2D, h2, options).loss)(h1);
    const given = tf.valueAndGrad(
      (h: tf.Tensor) => softCca(h as tf.Tensor2D, h2, { ...options, previous: own }).loss,
    )(h1);
    expect(await start.value.data()).toEqual(await given.value.data());
    const [a, b] = [await start.grad.data(), await given.grad.data()];
    a.forEach((v, i) => expect(v).toBeCloseTo(b[i], 6));
    // A gradient through the penalty is there (not only the distance's).
    const distanceOnly = tf.grad(
      (h: tf.Tensor) => softCca(h as tf.Tensor2D, h2, { ...options, lambda: 0 }).loss,
    )(h1);
    expect(Array.from(await distanceOnly.data())).not.toEqual(Array.from(a));
    tf.dispose([h1, h2, ...own, start.value, start.grad, given.value, given.grad, distanceOnly]);
  });

  it('standardises a constant feature to 0 rather than NaN', async () => {
    const z = standardise(tf.tensor2d([[2], [2], [2]]));
    expect(Array.from(await z.data())).toEqual([0, 0, 0]);
    z.dispose();
  });

  describe('over several views, summed over pairs', () => {
    const pairsOfThree = [
      [0, 1],
      [0, 2],
      [1, 2],
    ] as const;

    it('sums 2 − 2ρ per pair and counts each view’s penalty once per pair it is in', () => {
      // Views 0 and 1 agree, view 2 is view 0 negated (ρ = −1 on both features: 4 per pair with it).
      const negated = ORTHOGONAL.map((r) => r.map((v) => -v));
      const value = tf.tidy(() => {
        const out = softCcaPairs(
          [ORTHOGONAL, ORTHOGONAL, negated].map((v) => tf.tensor2d(v)),
          pairsOfThree,
          {
            lambda: 1,
            momentum: 0.5,
          },
        );
        return { loss: out.loss.arraySync(), running: out.running.length };
      });
      expect(value.loss).toBeCloseTo(8 / (1 + EPS), 5); // 0 + 4 + 4; decorrelated views: no penalty
      expect(value.running).toBe(3);
      // COPIED as view 2: SDL 4/3 (see above), counted in its two pairs with weight 0.5: 4/3.
      const penalised = tf.tidy(() =>
        softCcaPairs(
          [COPIED, COPIED, COPIED].map((v) => tf.tensor2d(v)),
          pairsOfThree,
          {
            lambda: 0.5,
            momentum: 0.5,
          },
        ).loss.arraySync(),
      );
      expect(penalised).toBeCloseTo(0.5 * 6 * (4 / 3 / (1 + EPS)), 5); // 3 pairs × 2 views × SDL
    });

    it('is the sum of each pair’s two-view soft CCA, running matrices included; one pair is softCca', async () => {
      const views = [
        [
          [0.3, -1.2],
          [1.1, 0.4],
          [-0.7, 0.9],
          [0.2, -0.5],
        ],
        [
          [1, 0.2],
          [0.1, -0.8],
          [-0.9, 0.5],
          [0.6, 0.3],
        ],
        [
          [-0.4, 0.7],
          [0.8, 0.8],
          [0.5, -1],
          [-1.3, 0.1],
        ],
      ];
      const previous = [0.2, -0.3, 0.5].map((c) => [
        [1, c],
        [c, 1],
      ]);
      const options = { lambda: 0.7, momentum: 0.8 };
      const [all, summed, single, pairOnly, phi] = tf.tidy(() => {
        const hs = views.map((v) => tf.tensor2d(v));
        const prev = previous.map((p) => tf.tensor2d(p));
        const three = softCcaPairs(hs, pairsOfThree, { ...options, previous: prev });
        const sum = tf.addN(
          pairsOfThree.map(
            ([i, j]) => softCca(hs[i], hs[j], { ...options, previous: [prev[i], prev[j]] }).loss,
          ),
        );
        const one = softCca(hs[0], hs[2], { ...options, previous: [prev[0], prev[2]] });
        const asPairs = softCcaPairs([hs[0], hs[2]], [[0, 1]], { ...options, previous: [prev[0], prev[2]] });
        return [three.loss, sum, one.loss, asPairs.loss, tf.stack([three.running[2], one.running[1]])];
      });
      expect((await all.data())[0]).toBeCloseTo((await summed.data())[0], 5);
      expect(await pairOnly.data()).toEqual(await single.data());
      const [p3, p2] = (await phi.array()) as number[][][];
      expect(p3).toEqual(p2); // view 2's running matrix is the same whichever pairs it is in
      tf.dispose([all, summed, single, pairOnly, phi]);
    });

    it('refuses views of different widths and running matrices that do not match the views', () => {
      const a = tf.tensor2d(ORTHOGONAL);
      const b = tf.tensor2d([[1], [2], [3], [4]]);
      expect(() => softCcaPairs([a, b], [[0, 1]], { lambda: 1, momentum: 0.5 })).toThrow(/same width/);
      expect(() =>
        softCcaPairs([a, a], [[0, 1]], { lambda: 1, momentum: 0.5, previous: [tf.eye(2)] }),
      ).toThrow(/1 running matrices for 2 views/);
      tf.dispose([a, b]);
    });
  });
});
