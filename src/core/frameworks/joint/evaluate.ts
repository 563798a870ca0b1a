import { tf } from '../../tf';
import { createRng } from '../../random/rng';
import type { EncodedPairSet } from '../../data/batch';
import { IMAGE_LENGTH } from '../../data/pairs';
import type { EvalContext } from '../framework';
import type { ExperimentConfig } from '../../experiment/config';
import { downsampleFlat } from '../../losses/reconstruction';
import { mapChunks, type ImageNoise } from './chunks';
import { conditionCodes, type Condition, type ConditionScores } from './conditions';
import { fitRidgeProbe, readerAccuracy, type LinearReader } from './linearReader';
import { RECON_FACTOR, type JointNetwork } from './network';
import { reconstructionReport, type ReconstructionReport } from './reconstructionReport';

/** Standard deviations of the Gaussian noise added to the image pixels for the robustness curve. */
export const NOISE_LEVELS = [0, 0.1, 0.2, 0.4, 0.8] as const;
/** The noise field is drawn from this seed, the same at every evaluation, so curves compare over time. */
const NOISE_SEED = 90210;

/** Attribute accuracy under each condition, overall and per attribute (names from the schema). */
export interface AccuracyReport extends ConditionScores {
  /** The better of imageOnly and textOnly. */
  bestSingle: number;
  /** both − bestSingle: what fusing gains over the better modality alone. */
  fusionGain: number;
  perAttribute: Record<string, ConditionScores>;
  /** Mean accuracy on the evaluation pairs whose colour × shape combination was never trained on. */
  heldOut: ConditionScores;
}

/** One point of the robustness curve: accuracy as noise of standard deviation `noise` hits the pixels. */
export interface RobustnessPoint extends ConditionScores {
  noise: number;
}

/** The framework's own measurements, under the key `joint` of every evaluation (plain JSON). */
export interface JointEvaluation {
  fusion: ExperimentConfig['fusion'];
  objective: ExperimentConfig['jointObjective'];
  parameters: { fusion: number; total: number };
  /** The model's attribute heads on codes of the pair, the image alone, the caption alone; null without heads. */
  accuracy: AccuracyReport | null;
  /**
   * The unimodal baseline: a linear (ridge) probe fitted per condition to the training set's codes of that
   * condition, scored on the evaluation set. probe.imageOnly is the best a linear reader of image-only
   * codes does; compare accuracy.both with it. Null when the data has no attributes.
   */
  probe: AccuracyReport | null;
  /**
   * Accuracy as pixel noise grows (caption untouched, so textOnly stays flat). Read by the heads, or by
   * the probes when the model has none.
   */
  robustness: RobustnessPoint[];
  /** Reconstruction from the joint code under each condition; null without the autoencoder objective. */
  reconstruction: ReconstructionReport | null;
  /** Mean cosine between a pair's joint code and the code of its image alone / caption alone. */
  agreement: { imageOnly: number; textOnly: number };
  /** Why a part is missing, in words. */
  note?: string;
}

type Codes = Record<Condition, Float32Array>;

/**
 * Builds the evaluation of a joint model. The noise field and the training set's mean image are drawn
 * once and kept, so every evaluation of a run sees the same noise.
 */
export function createJointEvaluator(net: JointNetwork, config: ExperimentConfig) {
  let noiseField: { data: EncodedPairSet; field: Float32Array } | null = null;
  let meanImage: { data: EncodedPairSet; mean: Float32Array } | null = null;

  const fieldFor = (data: EncodedPairSet): Float32Array => {
    if (noiseField?.data !== data) {
      const rng = createRng(NOISE_SEED);
      const field = new Float32Array(data.set.size * IMAGE_LENGTH);
      for (let i = 0; i < field.length; i++) field[i] = rng.normal();
      noiseField = { data, field };
    }
    return noiseField.field;
  };
  const meanImageOf = async (data: EncodedPairSet, seqLength: number): Promise<Float32Array> => {
    if (meanImage?.data !== data) {
      const { target } = await mapChunks(data, seqLength, (batch) => ({
        target: downsampleFlat(batch.images(), RECON_FACTOR),
      }));
      meanImage = { data, mean: columnMean(target as Float32Array, data.set.size) };
    }
    return meanImage.mean;
  };

  const codesOf = async (data: EncodedPairSet, seqLength: number, noise?: ImageNoise): Promise<Codes> =>
    (await mapChunks(data, seqLength, (batch) => conditionCodes(net, batch), noise)) as Codes;

  return async function evaluate(ctx: EvalContext): Promise<{ joint: JointEvaluation }> {
    const { evalData, trainData, seqLength, schema } = ctx;
    const dim = config.dim;
    const codes = await codesOf(evalData, seqLength);
    const labels = evalData.set.attributes;
    const names = schema?.names ?? [];
    const heldRows = rowsWhere(evalData.set.heldOut, evalData.set.size);

    const heads = net.headWeights && net.attributeSizes ? await headReader(net, dim) : null;
    let probes: Record<Condition, LinearReader> | null = null;
    if (schema && labels && trainData.set.attributes) {
      const trainCodes = await codesOf(trainData, seqLength);
      const sizes = schema.values.map((v) => v.length);
      const trainLabels = trainData.set.attributes;
      probes = mapConditions((c) => fitRidgeProbe(trainCodes[c], dim, trainLabels, sizes));
    }
    const report = (readers: Record<Condition, LinearReader>, at: Codes): AccuracyReport =>
      accuracyReport(readers, at, labels as Int32Array, names, heldRows);

    const accuracy =
      heads && labels
        ? report(
            mapConditions(() => heads),
            codes,
          )
        : null;
    const probe = probes ? report(probes, codes) : null;

    const robustness: RobustnessPoint[] = [];
    const curveReaders = heads ? mapConditions(() => heads) : probes;
    if (curveReaders && labels) {
      for (const std of NOISE_LEVELS) {
        const at = std === 0 ? codes : await codesOf(evalData, seqLength, { field: fieldFor(evalData), std });
        const score = (c: Condition) => readerAccuracy(curveReaders[c], at[c], labels).mean;
        robustness.push({
          noise: std,
          both: score('both'),
          imageOnly: score('imageOnly'),
          textOnly: score('textOnly'),
        });
      }
    }

    const reconstruction = net.decoders
      ? await reconstructionReport(net, evalData, seqLength, await meanImageOf(trainData, seqLength))
      : null;

    const notes: string[] = [];
    if (!labels) notes.push('The data has no attributes: no attribute accuracy.');
    else if (!heads)
      notes.push(
        'No attribute heads (the supervised objective is off): accuracy is read by the probes only.',
      );
    if (!net.decoders) notes.push('No decoders (the autoencoder objective is off): no reconstruction.');

    return {
      joint: {
        fusion: config.fusion,
        objective: config.jointObjective,
        parameters: { fusion: net.fusionParameters, total: net.params.count() },
        accuracy,
        probe,
        robustness,
        reconstruction,
        agreement: {
          imageOnly: meanRowCosine(codes.both, codes.imageOnly, dim),
          textOnly: meanRowCosine(codes.both, codes.textOnly, dim),
        },
        ...(notes.length > 0 ? { note: notes.join(' ') } : {}),
      },
    };
  };
}

function mapConditions<T>(f: (c: Condition) => T): Record<Condition, T> {
  return { both: f('both'), imageOnly: f('imageOnly'), textOnly: f('textOnly') };
}

/** The model's heads as a host-side reader (the weights read back once per evaluation). */
async function headReader(net: JointNetwork, dim: number): Promise<LinearReader> {
  const { w, b } = net.headWeights as { w: tf.Variable; b: tf.Variable };
  const [weights, bias] = await Promise.all([w.data(), b.data()]);
  return {
    d: dim,
    sizes: net.attributeSizes as number[],
    weights: weights as Float32Array,
    bias: bias as Float32Array,
  };
}

function accuracyReport(
  readers: Record<Condition, LinearReader>,
  codes: Codes,
  labels: Int32Array,
  names: readonly string[],
  heldRows: number[],
): AccuracyReport {
  const all = mapConditions((c) => readerAccuracy(readers[c], codes[c], labels));
  const held = mapConditions((c) => readerAccuracy(readers[c], codes[c], labels, heldRows).mean);
  const bestSingle = Math.max(all.imageOnly.mean, all.textOnly.mean);
  const perAttribute: Record<string, ConditionScores> = {};
  names.forEach((name, a) => {
    perAttribute[name] = mapConditions((c) => all[c].perAttribute[a] as number);
  });
  return {
    both: all.both.mean,
    imageOnly: all.imageOnly.mean,
    textOnly: all.textOnly.mean,
    bestSingle,
    fusionGain: all.both.mean - bestSingle,
    perAttribute,
    heldOut: held,
  };
}

function rowsWhere(flags: Uint8Array | undefined, n: number): number[] {
  const rows: number[] = [];
  if (flags) for (let i = 0; i < n; i++) if (flags[i]) rows.push(i);
  return rows;
}

/** Mean over rows of the cosine between row i of a and row i of b ([n, d] each). */
function meanRowCosine(a: Float32Array, b: Float32Array, d: number): number {
  const n = a.length / d;
  let total = 0;
  for (let i = 0; i < n; i++) {
    let ab = 0;
    let aa = 0;
    let bb = 0;
    for (let k = 0; k < d; k++) {
      const x = a[i * d + k] as number;
      const y = b[i * d + k] as number;
      ab += x * y;
      aa += x * x;
      bb += y * y;
    }
    total += ab / Math.sqrt(aa * bb + 1e-24);
  }
  return n > 0 ? total / n : NaN;
}

/** Mean of the rows of x ([n, k]). Returns [k]. */
function columnMean(x: Float32Array, n: number): Float32Array {
  const k = x.length / n;
  const out = new Float32Array(k);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < k; j++) out[j] = (out[j] as number) + (x[i * k + j] as number) / n;
  return out;
}
