import { tf } from '../../tf';
import type { EncodedPairSet } from '../../data/batch';
import type { EvalContext } from '../framework';
import type { ExtraOf } from '../frameworkExtra';
import type { ExperimentConfig } from '../../experiment/config';
import { downsampleFlat } from '../../losses/reconstruction';
import { mapChunks, mapRows, type Corruption } from './chunks';
import { conditionCodes, fuseConditions } from './conditions';
import type { Condition, ConditionScores } from './conditionNames';
import { drawCorruptions, pixelNoise, wordDropout, type CorruptionDraws } from './corruptions';
import { fitRidgeProbe, type LinearReader } from './linearReader';
import { FIRST, RECON_FACTOR, SECOND, type JointNetwork } from './network';
import type { Modality } from '../../data/modalities';
import { reconstructionReport, type ReconstructionReport } from './reconstructionReport';
import { accuracyBySubset } from './subsetAccuracy';
import {
  accuracyReport,
  mapConditions,
  meanAccuracy,
  meanRowCosine,
  type AccuracyReport,
  type Codes,
} from './accuracyReport';

/** Standard deviations of the Gaussian noise added to the image pixels for the robustness curve. */
export const NOISE_LEVELS = [0, 0.1, 0.2, 0.4, 0.8] as const;
/** Fractions of the caption's words dropped for the caption robustness curve. */
export const WORD_DROP_LEVELS = [0, 0.25, 0.5, 0.75] as const;
/** Corruptions are drawn from this seed, the same at every evaluation, so curves compare over time. */
const CORRUPTION_SEED = 90210;

/** Accuracy as pixel noise of standard deviation `noise` hits the images (captions untouched). */
export interface RobustnessPoint extends ConditionScores {
  noise: number;
}
/** Accuracy as a fraction `wordDrop` of each caption's words is removed (images untouched). */
export interface CaptionRobustnessPoint extends ConditionScores {
  wordDrop: number;
}

/** The framework's own measurements, under the key `joint` of every evaluation (plain JSON). */
export interface JointEvaluation {
  fusion: ExperimentConfig['fusion'];
  objective: ExperimentConfig['jointObjective'];
  parameters: { fusion: number; total: number };
  /**
   * The two modalities the conditions ('both', 'imageOnly', 'textOnly') are made of: the run's first
   * pair, ['image', 'text'] whenever it has both (see conditionNames.ts). Absent in records from before.
   */
  conditionModalities?: [Modality, Modality];
  /** The model's attribute heads on codes of the pair, the image alone, the caption alone; null without heads. */
  accuracy: AccuracyReport | null;
  /**
   * The unimodal baseline: a linear (ridge) probe fitted per condition to the training set's codes of that
   * condition, scored on the evaluation set. probe.imageOnly is what a reader trained on image-only codes
   * achieves; compare accuracy.both with it. Null when the data has no attributes.
   */
  probe: AccuracyReport | null;
  /**
   * Accuracy as pixel noise grows (textOnly stays flat). Read by the heads, or the probes without heads.
   * Empty when the run has no image.
   */
  robustness: RobustnessPoint[];
  /** Accuracy as caption words go missing (imageOnly stays flat). Read like `robustness`; empty without text. */
  captionRobustness: CaptionRobustnessPoint[];
  /** Reconstruction from the joint code under each condition; null without the autoencoder objective. */
  reconstruction: ReconstructionReport | null;
  /** Mean cosine between a pair's joint code and the code of its image alone / caption alone. */
  agreement: { imageOnly: number; textOnly: number };
  /**
   * With sound: attribute accuracy of the code fused from each input subset of the run's modalities
   * ('image', 'audio', 'image+audio'; with three up to 'image+text+audio'), read by the heads (or
   * per-subset probes without heads). Absent for image,text (accuracy above says the same) and without
   * attributes.
   */
  accuracyBySubset?: Record<string, number>;
  /** Why a part is missing, in words. */
  note?: string;
}

/**
 * Builds the evaluation of a joint model. Corruptions and the training set's mean image are drawn once
 * and kept, so every evaluation of a run sees the same noise.
 */
export function createJointEvaluator(net: JointNetwork, config: ExperimentConfig) {
  let draws: { data: EncodedPairSet; draws: CorruptionDraws } | null = null;
  let meanImage: { data: EncodedPairSet; mean: Float32Array } | null = null;

  const drawsFor = (data: EncodedPairSet): CorruptionDraws => {
    if (draws?.data !== data) draws = { data, draws: drawCorruptions(data, CORRUPTION_SEED) };
    return draws.draws;
  };
  const meanImageOf = async (data: EncodedPairSet, seqLength: number): Promise<Float32Array> => {
    if (meanImage?.data !== data) {
      const { target } = await mapChunks(data, seqLength, (batch) => ({
        target: downsampleFlat(batch.images(), RECON_FACTOR),
      }));
      meanImage = { data, mean: columnMean(target, data.set.size) };
    }
    return meanImage.mean;
  };
  const codesOf = async (data: EncodedPairSet, seqLength: number): Promise<Codes> =>
    (await mapChunks(data, seqLength, (batch) => conditionCodes(net, batch))) as Codes;
  /** Modality m's vectors of the whole set ([n · modalityDim]), its input corrupted. */
  const vectorsOf = async (data: EncodedPairSet, seqLength: number, m: number, corrupt: Corruption) =>
    (await mapChunks(data, seqLength, (batch) => ({ v: net.vector(m, batch) }), corrupt)).v;
  /** Codes under every condition from vectors computed earlier ([n · modalityDim] each). */
  const fuseVectors = async (vectors: readonly Float32Array[]): Promise<Codes> => {
    const d = config.modalityDim;
    return (await mapRows(vectors[0].length / d, (start, rows) =>
      fuseConditions(
        net,
        vectors.map((v) => tf.tensor2d(v.subarray(start * d, (start + rows) * d), [rows, d])),
      ),
    )) as Codes;
  };

  return async function evaluate(ctx: EvalContext): Promise<ExtraOf<'joint'>> {
    const { evalData, trainData, seqLength, schema } = ctx;
    /** Every modality's vectors of a set, [n · modalityDim] each in net.modalities order. */
    const vectorsOfSet = async (data: EncodedPairSet) => {
      const all = await mapChunks(data, seqLength, (batch) =>
        Object.fromEntries(net.vectors(batch).map((v, m) => [String(m), v])),
      );
      return net.modalities.map((_, m) => all[String(m)]);
    };
    const dim = config.dim;
    // Every modality's vectors, in net.modalities order (image, text, and the sound when there is one).
    const cleanVectors = await vectorsOfSet(evalData);
    const codes = await fuseVectors(cleanVectors);
    const labels = evalData.set.attributes;
    const names = schema?.names ?? [];

    const heads = net.headWeights && net.attributeSizes ? await headReader(net, dim) : null;
    let probes: Record<Condition, LinearReader> | null = null;
    const trainLabels = trainData.set.attributes;
    if (schema && labels && trainLabels) {
      const trainCodes = await codesOf(trainData, seqLength);
      const sizes = schema.values.map((v) => v.length);
      probes = mapConditions((c) => fitRidgeProbe(trainCodes[c], dim, trainLabels, sizes));
    }
    const heldOut = evalData.set.heldOut;
    const accuracy =
      heads && labels
        ? accuracyReport(
            mapConditions(() => heads),
            codes,
            labels,
            names,
            heldOut,
          )
        : null;
    const probe = probes && labels ? accuracyReport(probes, codes, labels, names, heldOut) : null;

    const robustness: RobustnessPoint[] = [];
    const captionRobustness: CaptionRobustnessPoint[] = [];
    const readers = heads ? mapConditions(() => heads) : probes;
    if (readers && labels) {
      // A corruption of one modality re-encodes that modality only; the other keeps its clean vectors.
      const score = async (m: number, corrupt: Corruption | null) => {
        if (!corrupt) return meanAccuracy(readers, codes, labels);
        const vectors = [...cleanVectors];
        vectors[m] = await vectorsOf(evalData, seqLength, m, corrupt);
        return meanAccuracy(readers, await fuseVectors(vectors), labels);
      };
      const d = drawsFor(evalData);
      const [image, text] = [net.indexOf('image'), net.indexOf('text')];
      for (const noise of image >= 0 ? NOISE_LEVELS : []) {
        robustness.push({ noise, ...(await score(image, noise > 0 ? pixelNoise(d, noise) : null)) });
      }
      for (const wordDrop of text >= 0 ? WORD_DROP_LEVELS : []) {
        captionRobustness.push({
          wordDrop,
          ...(await score(text, wordDrop > 0 ? wordDropout(d, wordDrop) : null)),
        });
      }
    }

    let bySubset: Record<string, number> | undefined;
    if (net.indexOf('audio') >= 0 && schema && labels) {
      const sizes = schema.values.map((v) => v.length);
      const probeData =
        heads || !trainLabels ? null : { trainVectors: await vectorsOfSet(trainData), trainLabels, sizes };
      const reader = heads ?? probeData;
      if (reader) bySubset = await accuracyBySubset(net, config.modalityDim, cleanVectors, labels, reader);
    }

    const reconstruction = net.decoders
      ? await reconstructionReport(net, evalData, seqLength, await meanImageOf(trainData, seqLength))
      : null;

    const notes: string[] = [];
    if (!labels) {
      notes.push('The data has no attributes: no attribute accuracy.');
      if (config.jointObjective === 'both') notes.push('The objective is the autoencoder alone.');
    } else if (!heads)
      notes.push('No attribute heads (the supervised objective is off): accuracy is read by the probes.');
    if (!net.decoders) notes.push('No decoders (the autoencoder objective is off): no reconstruction.');

    return {
      framework: 'joint',
      joint: {
        fusion: config.fusion,
        objective: config.jointObjective,
        parameters: { fusion: net.fusionParameters, total: net.params.count() },
        conditionModalities: [net.modalities[FIRST], net.modalities[SECOND]],
        accuracy,
        probe,
        robustness,
        captionRobustness,
        reconstruction,
        agreement: {
          imageOnly: meanRowCosine(codes.both, codes.imageOnly, dim),
          textOnly: meanRowCosine(codes.both, codes.textOnly, dim),
        },
        ...(bySubset ? { accuracyBySubset: bySubset } : {}),
        ...(notes.length > 0 ? { note: notes.join(' ') } : {}),
      },
    };
  };
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

/** Mean of the rows of x ([n, k]). Returns [k]. */
function columnMean(x: Float32Array, n: number): Float32Array {
  const k = x.length / n;
  const out = new Float32Array(k);
  for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) out[j] = out[j] + x[i * k + j] / n;
  return out;
}
