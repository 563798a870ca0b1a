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
import { DEFAULT_CCA_REG, summariseCca, type CcaSummary } from '../metrics/cca';
import { linearCka } from '../metrics/cka';
import { embeddings } from '../metrics/embeddings';
import { modalityGap } from '../metrics/gap';
import { rawFeatureCca } from '../metrics/rawFeatureCca';
import { CorrelationState } from './correlationState';
import type { ExtraOf } from './frameworkExtra';
import { createAudioTower, runModalities } from './audioTower';
import { modalityPairs, pairModalities } from '../data/modalities';
import type { ExperimentConfig } from '../experiment/config';

/** Weight of the old estimate in soft CCA's running correlation matrices: about the last 20 batches count. */
export const SOFTCCA_MOMENTUM = 0.95;

/** Rows pushed through the towers per call when evaluating. */
const EVAL_CHUNK = 256;

/** What `evaluate` adds to every evaluation of this framework (plain JSON). */
export interface CorrelationEvaluation {
  /**
   * Linear CCA of the raw tower outputs on the evaluation set (what Deep CCA optimises), regularised
   * with r = 1e-3 whatever ccaReg is, so runs compare: the ccaTopK (or all `dim`) largest correlations,
   * their total, and the first two variates of the first ccaScatterPoints pairs (x: image, y: text).
   * Or, when it cannot be computed (fewer evaluation pairs than dimensions), why.
   */
  cca: CcaSummary | { problem: string };
  /** Linear CKA between the image and text codes of the shared space (the ones the gap metrics see). */
  cka: number | null;
  /**
   * Linear CCA on the raw features of the evaluation set, the baseline Deep CCA has to beat: pixels
   * averaged over 4×4 blocks against word counts of caption 0, each reduced to as many principal
   * components as `cca` reports (metrics/rawFeatureCca.ts), same regularisation. The same all run long.
   */
  rawCca: CcaSummary | { problem: string };
  /**
   * Modality gap (metrics/gap.ts) of the towers' own outputs, L2-normalised, before the CCA readout lines
   * them up: 0 when the two clouds share a centre, up to 2. A correlation objective does not ask for it
   * to close.
   */
  towerGap: number;
}

/** The framework's model, with its raw tower outputs exposed for evaluation and tests. */
export interface CorrelationModel extends FrameworkModel {
  /** Each tower's output before the readout and normalisation. Each [b, dim]. */
  towers(batch: TensorBatch): SharedCodes;
  readonly state: CorrelationState;
  evaluate(ctx: EvalContext): Promise<ExtraOf<'correlation'>>;
}

/**
 * Coordinated representation by correlation: two towers (an encoder and a linear projection to `dim`
 * per modality) trained so that their outputs on matching pairs are maximally correlated.
 * - 'dcca': Deep CCA (Andrew et al. 2013), maximise the total canonical correlation of each minibatch.
 * - 'softcca': soft CCA (Chang et al. 2018), pull standardised outputs together and penalise correlations
 *   within each view.
 *
 * The shared space: a correlation objective leaves each view's outputs free up to an invertible linear
 * map, so the raw outputs of the two towers live in unrelated bases. As Andrew et al. do after training,
 * `embed` applies linear CCA: a readout (linalg/ccaReadout.ts) fitted with the current weights on the
 * most recent ~READOUT_PAIRS training pairs, refitted whenever the weights have changed since. Each view
 * becomes its canonical variates, weighted by their correlations, in one common basis; then L2
 * normalisation. Before the first training step there is nothing to fit and the raw outputs are used.
 * The readout, its pairs and soft CCA's running matrices are the model's `state` (correlationState.ts).
 * With sound (image,text,audio, Deep CCA) a third tower joins, the loss sums Deep CCA over the three
 * pairs, and a second readout fits the sound against the caption, in the caption's basis.
 */
export const correlation: FrameworkDefinition = {
  name: 'correlation',
  title: 'Coordinated representation (correlation)',
  unsupported: (config, backend) =>
    correlationModalitiesUnsupported(config) ??
    imageEncoderUnsupported(config.imageEncoder, backend) ??
    (config.loss === 'dcca'
      ? dccaBatchProblem(Math.min(config.batchSize, config.trainSize), config.dim)
      : null),
  build: (ctx) => createCorrelationModel(ctx),
};

export function createCorrelationModel({
  config,
  vocab,
  seqLength,
  rng,
}: Parameters<FrameworkDefinition['build']>[0]): CorrelationModel {
  const params = new ParamStore();
  const image = createImageEncoder(config.imageEncoder, params, config.imageHidden, rng);
  const text = createTextEncoder(config.textEncoder, params, vocab.words.length, config.textHidden, rng);
  const imageHead = createDense(params, 'image/proj', image.outDim, config.dim, rng);
  const textHead = createDense(params, 'text/proj', text.outDim, config.dim, rng);
  const audio = createAudioTower(config, params, 'audio/proj', config.dim, rng);
  const pairs = modalityPairs(runModalities(config)).map(pairModalities);
  const towers = (batch: TensorBatch): SharedCodes => ({
    image: imageHead.apply(image.apply(batch)),
    text: textHead.apply(text.apply(batch)),
    ...(audio ? { audio: audio.head.apply(audio.encoder.apply(batch)) } : {}),
  });

  const state = new CorrelationState({
    dim: config.dim,
    ccaReg: config.ccaReg,
    towers: (host) => towers(new TensorBatch(host, vocab.words.length, seqLength)),
  });
  // Linear CCA on the raw evaluation features: they never change, so it is computed once per set.
  let rawCca: { of: EncodedPairSet; summary: CcaSummary | { problem: string } } | null = null;

  return {
    params,
    towers,
    state,
    embed(batch) {
      const fitted = state.readout();
      const fittedAudio = audio ? state.audioReadout() : null;
      return tf.tidy(() => {
        const { image: h1, text: h2, audio: h3 } = towers(batch);
        const codes = fitted ? fitted.apply(h1, h2) : { image: h1, text: h2 };
        const sound = h3 && (fittedAudio ? fittedAudio.apply(h3, h2).image : h3);
        return {
          image: l2Normalize(codes.image),
          text: l2Normalize(codes.text),
          ...(sound ? { audio: l2Normalize(sound) } : {}),
        };
      });
    },
    loss(batch) {
      const outputs = towers(batch);
      const { image: h1, text: h2 } = outputs;
      switch (config.loss) {
        case 'dcca': {
          // Deep CCA of every pair of the run's modalities, summed (one term for image–text).
          const terms = pairs.map(([a, b]) =>
            dccaLoss(outputs[a] as tf.Tensor2D, outputs[b] as tf.Tensor2D, {
              reg: config.ccaReg,
              topK: config.ccaTopK,
            }),
          );
          return terms.length === 1 ? terms[0] : tf.addN(terms);
        }
        case 'softcca': {
          const previous = state.runningCorrelations;
          const { loss, running } = softCca(h1, h2, {
            lambda: config.softccaLambda,
            momentum: SOFTCCA_MOMENTUM,
            ...(previous ? { previous } : {}),
          });
          state.propose(batch, running);
          return loss;
        }
        default:
          throw new Error(`The correlation framework has no loss '${config.loss}' (choose dcca or softcca).`);
      }
    },
    async evaluate(ctx) {
      const raw = await towerOutputs(towers, ctx.evalData, ctx.seqLength);
      const k = config.ccaTopK > 0 ? Math.min(config.ccaTopK, config.dim) : config.dim;
      if (rawCca?.of !== ctx.evalData) {
        const { set, captionIds, vocab: words } = ctx.evalData;
        const firstCaptions = captionIds.map((caps) => caps[0] ?? new Int32Array(0));
        const summary = rawFeatureCca(set.images, firstCaptions, words.words.length, k, DEFAULT_CCA_REG);
        rawCca = { of: ctx.evalData, summary };
      }
      return {
        framework: 'correlation',
        cca: summariseCca(raw.image, raw.text, config.dim, config.dim, {
          reg: DEFAULT_CCA_REG,
          k,
          points: config.ccaScatterPoints,
        }),
        cka: cka(ctx.image, ctx.text, ctx.dim),
        rawCca: rawCca.summary,
        towerGap: unitGap(raw.image, raw.text, config.dim),
      };
    },
    dispose() {
      params.dispose();
      state.dispose();
    },
  };
}

/** Both towers' raw outputs on every pair of `data` (caption 0), [n, dim] each, read back chunk by chunk. */
async function towerOutputs(
  towers: (batch: TensorBatch) => SharedCodes,
  data: EncodedPairSet,
  seqLength: number,
): Promise<{ image: Float32Array; text: Float32Array }> {
  const n = data.set.size;
  const chunks: [Float32Array, Float32Array][] = [];
  for (let start = 0; start < n; start += EVAL_CHUNK) {
    const indices = Int32Array.from({ length: Math.min(EVAL_CHUNK, n - start) }, (_, i) => start + i);
    const out = tf.tidy(() => {
      const h = towers(new TensorBatch(gatherBatch(data, indices), data.vocab.words.length, seqLength));
      return [h.image, h.text];
    });
    const [image, text] = await Promise.all(out.map((t) => t.data()));
    tf.dispose(out);
    chunks.push([image as Float32Array, text as Float32Array]);
  }
  const join = (which: 0 | 1) => {
    const all = new Float32Array(chunks.reduce((s, c) => s + c[which].length, 0));
    chunks.reduce((offset, c) => (all.set(c[which], offset), offset + c[which].length), 0);
    return all;
  };
  return { image: join(0), text: join(1) };
}

/** Modality gap of two [n, dim] sets after scaling every row to unit length (a zero row stays zero). */
function unitGap(image: Float32Array, text: Float32Array, dim: number): number {
  const unit = (rows: Float32Array) => {
    const out = new Float32Array(rows.length);
    for (let i = 0; i < rows.length; i += dim) {
      let norm = 0;
      for (let f = 0; f < dim; f++) norm += rows[i + f] ** 2;
      const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
      for (let f = 0; f < dim; f++) out[i + f] = rows[i + f] * scale;
    }
    return embeddings(out, dim);
  };
  return modalityGap(unit(image), unit(text));
}

function cka(image: Float32Array, text: Float32Array, dim: number): number | null {
  try {
    return linearCka(image, text, dim, dim);
  } catch {
    return null; // a set that does not vary at all has no geometry to compare
  }
}

/**
 * Why correlation objectives cannot train these modalities, or null. Deep CCA sums over every pair;
 * soft CCA's running statistics are kept for an image and a caption only, and the shared-space readout
 * fits the sound against the caption, so sound needs text.
 */
export function correlationModalitiesUnsupported(config: ExperimentConfig): string | null {
  if (config.modalities === 'image,text') return null;
  if (config.loss === 'softcca')
    return `Soft CCA here pairs an image with a caption; with sound choose Deep CCA (modalities ${config.modalities}).`;
  if (config.modalities !== 'image,text,audio')
    return `Correlation with sound fits the sound against both an image and a caption: choose the modalities image,text,audio (not ${config.modalities}).`;
  return null;
}
