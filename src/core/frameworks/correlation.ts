import { tf } from '../tf';
import type { EvalContext, FrameworkDefinition, FrameworkModel, SharedCodes } from './framework';
import type { EncodedPairSet } from '../data/batch';
import { gatherBatch, TensorBatch } from '../data/batch';
import { ParamStore } from '../models/params';
import { createDense, l2Normalize } from '../models/dense';
import { createImageEncoder, imageEncoderUnsupported } from '../models/imageEncoders';
import { createTextEncoder } from '../models/textEncoders';
import { dccaBatchProblem, dccaLoss } from '../losses/dcca';
import { softCcaPairs } from '../losses/softCca';
import { DEFAULT_CCA_REG, summariseCca, type CcaSummary } from '../metrics/cca';
import { linearCka } from '../metrics/cka';
import { embeddings } from '../metrics/embeddings';
import { modalityGap } from '../metrics/gap';
import { rawFeatureCca } from '../metrics/rawFeatureCca';
import { CorrelationState } from './correlationState';
import type { ExtraOf } from './frameworkExtra';
import { createAudioTower, runModalities } from './audioTower';
import { modalityPairs, pairKey, pairModalities, type Modality, type PairKey } from '../data/modalities';

/** Weight of the old estimate in soft CCA's running correlation matrices: about the last 20 batches count. */
export const SOFTCCA_MOMENTUM = 0.95;

/** Rows pushed through the towers per call when evaluating. */
const EVAL_CHUNK = 256;

/** The correlation figures of one pair of modalities' towers (see CorrelationEvaluation). */
export interface PairCorrelation {
  cca: CcaSummary | { problem: string };
  cka: number | null;
  towerGap: number;
}

/**
 * What `evaluate` adds to every evaluation of this framework (plain JSON). `cca`, `cka` and `towerGap`
 * describe the run's first pair (`pair`: image–text whenever both are present; x is its first modality,
 * y its second); with other modalities than image,text, `pairs` holds the same three figures for every
 * pair.
 */
export interface CorrelationEvaluation {
  /** The pair the top-level figures describe (always set by the model; optional for older records). */
  pair?: PairKey;
  /** Every pair's figures, when the run's modalities are not image,text. */
  pairCorrelations?: Partial<Record<PairKey, PairCorrelation>>;
  /**
   * Linear CCA of the raw tower outputs on the evaluation set (what Deep CCA optimises), regularised
   * with r = 1e-3 whatever ccaReg is, so runs compare: the ccaTopK (or all `dim`) largest correlations,
   * their total, and the first two variates of the first ccaScatterPoints pairs (x: image, y: text, or
   * the first pair's two modalities). Or, when it cannot be computed (fewer evaluation pairs than
   * dimensions), why.
   */
  cca: CcaSummary | { problem: string };
  /** Linear CKA between the image and text codes of the shared space (the ones the gap metrics see). */
  cka: number | null;
  /**
   * Linear CCA on the raw features of the evaluation set, the baseline Deep CCA has to beat: pixels
   * averaged over 4×4 blocks against word counts of caption 0, each reduced to as many principal
   * components as `cca` reports (metrics/rawFeatureCca.ts), same regularisation. The same all run long.
   * Only for image–text: a run without both says so in `problem`.
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
  /** Each tower's output before the readout and normalisation. Each [b, dim] (the unused tower's too). */
  towers(batch: TensorBatch): SharedCodes;
  readonly state: CorrelationState;
  evaluate(ctx: EvalContext): Promise<ExtraOf<'correlation'>>;
}

/**
 * Coordinated representation by correlation: a tower per modality (an encoder and a linear projection
 * to `dim`) trained so that their outputs on matching pairs are maximally correlated. With modalities
 * other than image,text the objective is summed over every pair of the run's modalities.
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
 * The readout is fitted on the run's first pair (image–text, image–audio or text–audio); with three
 * modalities a second readout fits the sound against the caption, in the caption's basis, so all three
 * share one space. A two-modality run still builds the third list's unused image or text tower (the
 * shared codes name both), which no loss reaches.
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
  seqLength,
  rng,
}: Parameters<FrameworkDefinition['build']>[0]): CorrelationModel {
  const params = new ParamStore();
  const image = createImageEncoder(config.imageEncoder, params, config.imageHidden, rng);
  const text = createTextEncoder(config.textEncoder, params, vocab.words.length, config.textHidden, rng);
  const imageHead = createDense(params, 'image/proj', image.outDim, config.dim, rng);
  const textHead = createDense(params, 'text/proj', text.outDim, config.dim, rng);
  const audio = createAudioTower(config, params, 'audio/proj', config.dim, rng);
  const modalities = runModalities(config);
  const pairs = modalityPairs(modalities).map(pairModalities);
  // Soft CCA's pairs as indices into the run's modalities (the order of its running matrices).
  const pairIndices = pairs.map(([a, b]) => [modalities.indexOf(a), modalities.indexOf(b)] as const);
  const [first, second] = modalities;
  const towers = (batch: TensorBatch): SharedCodes => ({
    image: imageHead.apply(image.apply(batch)),
    text: textHead.apply(text.apply(batch)),
    ...(audio ? { audio: audio.head.apply(audio.encoder.apply(batch)) } : {}),
  });

  const state = new CorrelationState({
    dim: config.dim,
    ccaReg: config.ccaReg,
    modalities,
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
        const raw = towers(batch);
        const codes: SharedCodes = { ...raw };
        if (fitted) {
          const read = fitted.apply(view(raw, first), view(raw, second));
          codes[first] = read.image;
          codes[second] = read.text;
        }
        if (fittedAudio && raw.audio) codes.audio = fittedAudio.apply(raw.audio, raw.text).image;
        return {
          image: l2Normalize(codes.image),
          text: l2Normalize(codes.text),
          ...(codes.audio ? { audio: l2Normalize(codes.audio) } : {}),
        };
      });
    },
    loss(batch) {
      const outputs = towers(batch);
      switch (config.loss) {
        case 'dcca': {
          // Deep CCA of every pair of the run's modalities, summed (one term for image–text).
          const terms = pairs.map(([a, b]) =>
            dccaLoss(view(outputs, a), view(outputs, b), {
              reg: config.ccaReg,
              topK: config.ccaTopK,
            }),
          );
          return terms.length === 1 ? terms[0] : tf.addN(terms);
        }
        case 'softcca': {
          // Soft CCA of every pair summed, one running matrix per modality (one term for image–text).
          const previous = state.runningCorrelations;
          const views = modalities.map((m) => view(outputs, m));
          const { loss, running } = softCcaPairs(views, pairIndices, {
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
      const raw = await towerOutputs(towers, modalities, ctx.evalData, ctx.seqLength);
      const k = config.ccaTopK > 0 ? Math.min(config.ccaTopK, config.dim) : config.dim;
      const codes: Partial<Record<Modality, Float32Array>> = {
        image: ctx.image,
        text: ctx.text,
        audio: ctx.audio,
      };
      const figures = (a: Modality, b: Modality): PairCorrelation => ({
        cca: summariseCca(rows(raw, a), rows(raw, b), config.dim, config.dim, {
          reg: DEFAULT_CCA_REG,
          k,
          points: config.ccaScatterPoints,
        }),
        cka: cka(rows(codes, a), rows(codes, b), ctx.dim),
        towerGap: unitGap(rows(raw, a), rows(raw, b), config.dim),
      });
      if (rawCca?.of !== ctx.evalData) {
        const { set, captionIds, vocab: words } = ctx.evalData;
        const firstCaptions = captionIds.map((caps) => caps[0] ?? new Int32Array(0));
        const summary =
          first === 'image' && second === 'text'
            ? rawFeatureCca(set.images, firstCaptions, words.words.length, k, DEFAULT_CCA_REG)
            : {
                problem: `The raw-feature baseline correlates pixels with word counts; this run's modalities (${config.modalities}) have no image–text pair.`,
              };
        rawCca = { of: ctx.evalData, summary };
      }
      const pairFigures =
        modalities.length > 2 || first !== 'image' || second !== 'text'
          ? Object.fromEntries(pairs.map(([a, b]) => [pairKey(a, b), figures(a, b)]))
          : null;
      return {
        framework: 'correlation',
        pair: pairKey(first, second),
        ...(pairFigures ? { pairCorrelations: pairFigures } : {}),
        ...(pairFigures?.[pairKey(first, second)] ?? figures(first, second)),
        rawCca: rawCca.summary,
      };
    },
    dispose() {
      params.dispose();
      state.dispose();
    },
  };
}

/** Each modality's tower outputs on every pair of `data` (caption 0), [n, dim] each, read back chunk by chunk. */
async function towerOutputs(
  towers: (batch: TensorBatch) => SharedCodes,
  modalities: readonly Modality[],
  data: EncodedPairSet,
  seqLength: number,
): Promise<Partial<Record<Modality, Float32Array>>> {
  const n = data.set.size;
  const chunks: Float32Array[][] = [];
  for (let start = 0; start < n; start += EVAL_CHUNK) {
    const indices = Int32Array.from({ length: Math.min(EVAL_CHUNK, n - start) }, (_, i) => start + i);
    const out = tf.tidy(() => {
      const h = towers(new TensorBatch(gatherBatch(data, indices), data.vocab.words.length, seqLength));
      return modalities.map((m) => view(h, m));
    });
    chunks.push((await Promise.all(out.map((t) => t.data()))) as Float32Array[]);
    tf.dispose(out);
  }
  const join = (which: number) => {
    const all = new Float32Array(chunks.reduce((s, c) => s + c[which].length, 0));
    chunks.reduce((offset, c) => (all.set(c[which], offset), offset + c[which].length), 0);
    return all;
  };
  return Object.fromEntries(modalities.map((m, i) => [m, join(i)]));
}

/** One modality's outputs, which a tower of the run always gives. [b, dim]. */
function view(codes: SharedCodes, m: Modality): tf.Tensor2D {
  const h = codes[m];
  if (!h) throw new Error(`The correlation towers gave no ${m} outputs.`);
  return h;
}

/** One modality's rows of a set, which the run's evaluation always holds. [n, dim]. */
function rows(set: Partial<Record<Modality, Float32Array>>, m: Modality): Float32Array {
  const r = set[m];
  if (!r) throw new Error(`The correlation evaluation has no ${m} codes.`);
  return r;
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
