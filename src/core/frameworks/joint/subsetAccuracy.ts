import { tf } from '../../tf';
import { presenceMask } from '../../fusion/fusion';
import { modalitySubsets, subsetKey } from '../../data/modalities';
import { mapRows } from './chunks';
import { fitRidgeProbe, readerAccuracy, type LinearReader } from './linearReader';
import type { JointNetwork } from './network';

/**
 * Attribute accuracy (mean over attributes) of the joint code fused from each subset of the modalities,
 * keyed 'image', 'text', 'audio', 'image+text', …, 'image+text+audio': what each input alone, each pair,
 * and all of them together let the model know. Absent modalities are fused as absent (zeros and a 0 in
 * the presence mask), exactly as a query that lacks them.
 *
 * vectors: each modality's vectors of the evaluation set, [n · modalityDim] each in `net.modalities`
 * order. readers: the model's heads (one reader for every subset), or, when it has none, a ridge probe
 * fitted per subset to the training set's codes of that subset (`trainVectors`, same layout).
 */
export async function accuracyBySubset(
  net: JointNetwork,
  modalityDim: number,
  vectors: readonly Float32Array[],
  labels: Int32Array,
  reader: LinearReader | { trainVectors: readonly Float32Array[]; trainLabels: Int32Array; sizes: number[] },
): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const subset of modalitySubsets(net.modalities)) {
    const kept = subset.map((m) => net.modalities.indexOf(m));
    const codes = await fusedCodes(net, modalityDim, vectors, kept);
    const read =
      'weights' in reader
        ? reader
        : fitRidgeProbe(
            await fusedCodes(net, modalityDim, reader.trainVectors, kept),
            net.fusion.outDim,
            reader.trainLabels,
            reader.sizes,
          );
    out[subsetKey(subset)] = readerAccuracy(read, codes, labels).mean;
  }
  return out;
}

/** Joint codes [n · dim] of rows that have only the modalities `kept` (indices into net.modalities). */
async function fusedCodes(
  net: JointNetwork,
  d: number,
  vectors: readonly Float32Array[],
  kept: readonly number[],
): Promise<Float32Array> {
  const n = vectors[0].length / d;
  const { code } = await mapRows(n, (start, rows) => {
    const vs = vectors.map((v, m) =>
      kept.includes(m)
        ? tf.tensor2d(v.subarray(start * d, (start + rows) * d), [rows, d])
        : tf.zeros<tf.Rank.R2>([rows, d]),
    );
    return { code: net.fuse(vs, presenceMask(rows, vectors.length, kept)) };
  });
  return code;
}
