/**
 * Three-way tensor fusion (Zadeh et al. 2017) as the explanation panel writes it, in the survey's
 * letters: z_l, z_v, z_a the language (caption), visual (image) and acoustic (sound) vectors, each of
 * width d_m (the setting "modality vector size"), z the joint code of width `out` ("embedding size").
 * The weight counts are computed from the settings in use with the same formulas the fusion layers
 * report (core/fusion/parameterCount.ts), so the panel and the trained model agree.
 */
import type { ExperimentConfig } from '../../core/experiment/config';
import { fusionParameterCount } from '../../core/fusion/parameterCount';

/** The survey's letter for each modality's vector. */
export const SURVEY_LETTER = { text: 'l', image: 'v', audio: 'a' } as const;

/** z = W · vec([z_l; 1] ⊗ [z_v; 1] ⊗ [z_a; 1]) + b. */
export const THREE_WAY_TENSOR = String.raw`z = W \cdot \operatorname{vec}\!\left(\begin{bmatrix} z_l \\ 1 \end{bmatrix} \otimes \begin{bmatrix} z_v \\ 1 \end{bmatrix} \otimes \begin{bmatrix} z_a \\ 1 \end{bmatrix}\right) + b`;

/** Its low-rank form (Liu et al. 2018): R outer products of per-modality factors, never formed. */
export const THREE_WAY_LOWRANK = String.raw`\begin{aligned} z = \sum_{r=1}^{R} \lambda_r &\left(W^{(r)}_l \begin{bmatrix} z_l \\ 1 \end{bmatrix}\right) \circ \left(W^{(r)}_v \begin{bmatrix} z_v \\ 1 \end{bmatrix}\right) \\ &\circ \left(W^{(r)}_a \begin{bmatrix} z_a \\ 1 \end{bmatrix}\right) + b \end{aligned}`;
/** The weights of both forms for the settings in use, with the arithmetic written out. */
export interface FusionCounts {
  /** Modality vector width d_m (the same for every modality here) and the joint code's width. */
  d: number;
  out: number;
  rank: number;
  /** Π_m (d_m + 1) · out + out. */
  tensor: number;
  /** R · out · Σ_m (d_m + 1) + R + out. */
  lowRank: number;
  /** The tensor count as TeX: (d+1)(d+1)(d+1)·out + out = N. */
  tensorTex: string;
  lowRankTex: string;
}

const n = (x: number): string => x.toLocaleString('en').replace(/,/g, '{,}');

/** Counts for `modalities` vectors (three for the survey's formula) under the config's widths. */
export function fusionCounts(config: ExperimentConfig, modalities = 3): FusionCounts {
  const d = config.modalityDim;
  const out = config.dim;
  const rank = config.fusionRank;
  const dims = Array.from({ length: modalities }, () => d);
  const tensor = fusionParameterCount('tensor', dims, out, rank);
  const lowRank = fusionParameterCount('lowrank', dims, out, rank);
  const factors = dims.map((x) => `(${x} + 1)`).join('');
  // The widths are equal here: Σ_m (d_m + 1) = M (d + 1), written so to fit the side column.
  const sum = `${modalities} \\cdot (${d} + 1)`;
  return {
    d,
    out,
    rank,
    tensor,
    lowRank,
    tensorTex: String.raw`${factors} \cdot ${out} + ${out} = ${n(tensor)}`,
    lowRankTex: String.raw`${rank} \cdot ${out} \cdot ${sum} + ${rank} + ${out} = ${n(lowRank)}`,
  };
}
