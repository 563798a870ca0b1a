import { tf } from '../tf';
import type { EvalContext, FrameworkDefinition, FrameworkModel, SharedCodes } from './framework';
import type { EncodedPairSet } from '../data/batch';
import { gatherBatch, TensorBatch } from '../data/batch';
import { ParamStore } from '../models/params';
import { createDense, l2Normalize } from '../models/dense';
import { createImageEncoder, imageEncoderUnsupported } from '../models/imageEncoders';
import { createTextEncoder } from '../models/textEncoders';
import { dccaBatchProblem, dccaLoss } from '../losses/dcca';
import { softCca } from '../losses/softCca';
import { allFinite, RunningCca } from '../linalg/runningCca';
import { canonicalVariates, CcaError, linearCca, type LinearCca } from '../metrics/cca';
import { linearCka } from '../metrics/cka';

/**
 * Weight of the old estimate in the running statistics (the readout's moments and soft CCA's
 * correlation matrices): about the last 20 batches count, enough pairs to estimate a 32-wide covariance
 * while following the towers as they learn.
 */
export const RUNNING_MOMENTUM = 0.95;

/** Rows pushed through the towers per call when evaluating. */
const EVAL_CHUNK = 256;

/** Linear CCA of the towers' outputs on the evaluation set, as plain numbers for a chart. */
export interface CcaSummary {
  /** The k largest canonical correlations, descending, each in [0, 1] (k: ccaTopK, or the embedding size). */
  correlations: number[];
  /** Their sum: the total correlation Deep CCA maximises, here measured on the evaluation set. */
  total: number;
  /**
   * The first two canonical variates of each modality for the first `ccaScatterPoints` evaluation pairs:
   * image[0][i] against text[0][i] scatters along the diagonal as closely as ρ₁ says.
   */
  variates?: { image: [number[], number[]]; text: [number[], number[]] };
}

/** What `evaluate` adds to every evaluation of this framework. */
export interface CorrelationEvaluation {
  /** Linear CCA of the raw tower outputs (what DCCA optimises), or why it could not be computed. */
  cca: CcaSummary | { problem: string };
  /** Linear CKA between the image and text codes of the shared space (the ones the gap metrics see). */
  cka: number | null;
}

/** The framework's model, with its raw tower outputs exposed for evaluation and tests. */
export interface CorrelationModel extends FrameworkModel {
  /** Each tower's output before the canonical readout and normalisation. Each [b, dim]. */
  towers(batch: TensorBatch): SharedCodes;
  /** Running moments of the tower outputs and the readout they define. */
  readonly running: RunningCca;
  evaluate(ctx: EvalContext): Promise<Record<string, unknown>>;
}

/**
 * Coordinated representation by correlation: two towers (an encoder and a linear projection to `dim`
 * per modality) trained so that their outputs on matching pairs are maximally correlated.
 * - 'dcca': Deep CCA (Andrew et al. 2013), maximise the total canonical correlation of each minibatch.
 * - 'softcca': soft CCA (Chang et al. 2018), pull standardised outputs together and penalise correlations
 *   within each view.
 *
 * The shared space: a correlation objective leaves each view's outputs free up to an invertible linear
 * map, so the raw outputs of the two towers live in unrelated bases. `embed` therefore applies the linear
 * CCA readout estimated from running statistics of the training batches (linalg/runningCca.ts): each view
 * becomes its canonical variates, weighted by their correlations, in one common basis; then L2
 * normalisation. Before the first training step there are no statistics and the raw outputs are used.
 */
export const correlation: FrameworkDefinition = {
  name: 'correlation',
  title: 'Coordinated representation (correlation)',
  unsupported: (config, backend) =>
    imageEncoderUnsupported(config.imageEncoder, backend) ??
    (config.loss === 'dcca'
      ? dccaBatchProblem(Math.min(config.batchSize, config.trainSize), config.dim)
      : null),
  build: (ctx) => createCorrelationModel(ctx),
};

export function createCorrelationModel({
  config,
  vocab,
  rng,
}: Parameters<FrameworkDefinition['build']>[0]): CorrelationModel {
  const params = new ParamStore();
  const image = createImageEncoder(config.imageEncoder, params, config.imageHidden, rng);
  const text = createTextEncoder(config.textEncoder, params, vocab.words.length, config.textHidden, rng);
  const imageHead = createDense(params, 'image/proj', image.outDim, config.dim, rng);
  const textHead = createDense(params, 'text/proj', text.outDim, config.dim, rng);
  const running = new RunningCca(config.dim, config.dim, RUNNING_MOMENTUM, config.ccaReg);
  // Soft CCA's running correlation matrices Φ₁, Φ₂ (see losses/softCca.ts).
  const phi = [
    tf.variable(tf.zeros([config.dim, config.dim]), false),
    tf.variable(tf.zeros([config.dim, config.dim]), false),
  ] as const;
  let phiSteps = 0;

  const towers = (batch: TensorBatch): SharedCodes => ({
    image: imageHead.apply(image.apply(batch)),
    text: textHead.apply(text.apply(batch)),
  });

  return {
    params,
    running,
    towers,
    embed(batch) {
      return tf.tidy(() => {
        const { image: h1, text: h2 } = towers(batch);
        const codes = running.readout(h1, h2);
        return { image: l2Normalize(codes.image), text: l2Normalize(codes.text) };
      });
    },
    loss(batch) {
      const { image: h1, text: h2 } = towers(batch);
      running.update(h1, h2);
      switch (config.loss) {
        case 'dcca':
          return dccaLoss(h1, h2, { reg: config.ccaReg, topK: config.ccaTopK });
        case 'softcca': {
          const { loss, running: next } = softCca(h1, h2, {
            lambda: config.softccaLambda,
            momentum: RUNNING_MOMENTUM,
            ...(phiSteps > 0 ? { previous: [phi[0] as tf.Tensor2D, phi[1] as tf.Tensor2D] as const } : {}),
          });
          tf.tidy(() => {
            const finite = allFinite(next);
            phi.forEach((v, i) => v.assign(tf.where(finite, next[i] as tf.Tensor2D, v as tf.Tensor2D)));
          });
          phiSteps++;
          return loss;
        }
        default:
          throw new Error(`The correlation framework has no loss '${config.loss}' (choose dcca or softcca).`);
      }
    },
    async evaluate(ctx) {
      const raw = await towerOutputs(towers, ctx.evalData, ctx.seqLength);
      const result: CorrelationEvaluation = {
        cca: summarise(
          raw.image,
          raw.text,
          config.dim,
          config.ccaReg,
          config.ccaTopK,
          config.ccaScatterPoints,
        ),
        cka: cka(ctx.image, ctx.text, ctx.dim),
      };
      return result as unknown as Record<string, unknown>;
    },
    dispose() {
      params.dispose();
      running.dispose();
      tf.dispose([...phi]);
    },
  };
}

/** The raw outputs of both towers on every pair of `data` (caption 0), [n, dim] each, read back chunk by chunk. */
async function towerOutputs(
  towers: (batch: TensorBatch) => SharedCodes,
  data: EncodedPairSet,
  seqLength: number,
): Promise<{ image: Float32Array; text: Float32Array }> {
  const n = data.set.size;
  const parts: { image: Float32Array; text: Float32Array }[] = [];
  for (let start = 0; start < n; start += EVAL_CHUNK) {
    const indices = Int32Array.from({ length: Math.min(EVAL_CHUNK, n - start) }, (_, i) => start + i);
    const out = tf.tidy(() => {
      const h = towers(new TensorBatch(gatherBatch(data, indices), data.vocab.words.length, seqLength));
      return [h.image, h.text] as const;
    });
    const [image, text] = await Promise.all([out[0].data(), out[1].data()]);
    tf.dispose([...out]);
    parts.push({ image: image as Float32Array, text: text as Float32Array });
  }
  const join = (key: 'image' | 'text') => {
    const all = new Float32Array(parts.reduce((s, p) => s + p[key].length, 0));
    let offset = 0;
    for (const p of parts) {
      all.set(p[key], offset);
      offset += p[key].length;
    }
    return all;
  };
  return { image: join('image'), text: join('text') };
}

function summarise(
  image: Float32Array,
  text: Float32Array,
  dim: number,
  reg: number,
  topK: number,
  points: number,
): CcaSummary | { problem: string } {
  let fit: LinearCca;
  try {
    fit = linearCca(image, text, dim, dim, { reg, k: topK > 0 ? topK : dim });
  } catch (e) {
    if (e instanceof CcaError) return { problem: e.message };
    throw e;
  }
  const summary: CcaSummary = {
    correlations: fit.correlations,
    total: fit.correlations.reduce((a, b) => a + b, 0),
  };
  const rows = Math.min(points, image.length / dim);
  if (rows > 0) {
    const components = Math.min(2, fit.k);
    const pick = (view: 'x' | 'y', data: Float32Array) => {
      const v = canonicalVariates(fit, view, data.subarray(0, rows * dim), components);
      const column = (j: number) =>
        Array.from({ length: rows }, (_, i) => round4(v[i * components + j] ?? 0));
      return [column(0), components > 1 ? column(1) : []] as [number[], number[]];
    };
    summary.variates = { image: pick('x', image), text: pick('y', text) };
  }
  return summary;
}

function cka(image: Float32Array, text: Float32Array, dim: number): number | null {
  try {
    return linearCka(image, text, dim, dim);
  } catch {
    return null; // a set that does not vary at all has no geometry to compare
  }
}

const round4 = (v: number) => Math.round(v * 1e4) / 1e4;
