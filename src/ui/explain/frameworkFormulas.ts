/**
 * The formulas of joint representation and of the encoder-decoder, written out for the settings in use,
 * in the notation of the explanation panel: v_img, v_txt and v_snd the modality vectors, z the joint code,
 * v_I and v_T the encoder-decoder's latents. TeX strings for KaTeX, broken over lines to fit the side
 * column; pure, so they can be tested.
 */
import { CONFIG_SPEC, type ExperimentConfig } from '../../core/experiment/config';
import { optionLabel } from '../../core/experiment/paramSpec';
import { modalitiesOf, type Modality } from '../../core/data/modalities';

/** A typeset formula with an optional line of words above it. */
export interface FormulaLine {
  caption?: string;
  tex: string;
}

/** A signed term of a sum. */
interface Term {
  sign: '+' | '-';
  tex: string;
}

/** `lhs = t_1 ± t_2 ± …`, one term per line, aligned at the operators (KaTeX's aligned). */
export function alignedSum(lhs: string, terms: readonly Term[]): string {
  const lines = terms.map((t, i) =>
    i === 0 ? `${lhs} ={}& ${t.sign === '-' ? '-' : ''}${t.tex}` : `&${t.sign} ${t.tex}`,
  );
  return String.raw`\begin{aligned} ${lines.join(String.raw` \\ `)} \end{aligned}`;
}

/** Each modality's subscript in the formulas: img, txt, snd. */
const SUBSCRIPT: Record<Modality, string> = { image: 'img', text: 'txt', audio: 'snd' };
const vec = (m: Modality) => String.raw`v_{\text{${SUBSCRIPT[m]}}}`;
const weight = (m: Modality, r = '') => String.raw`W${r}_{\text{${SUBSCRIPT[m]}}}`;
const withOne = (m: Modality) => String.raw`\begin{bmatrix} ${vec(m)} \\ 1 \end{bmatrix}`;

/** The survey's additive shared layer over the run's modalities, the general sum then the terms. */
export function additiveTex(ms: readonly Modality[]): string {
  const terms = ms.map((m) => String.raw`${weight(m)}\, ${vec(m)}`).join(' + ');
  return String.raw`\begin{aligned} z &= f\Big(\sum_{m} W_m v_m + b\Big) \\ &= f\big(${terms} + b\big) \end{aligned}`;
}

function concatTex(ms: readonly Modality[]): string {
  return String.raw`z = f\left(W \begin{bmatrix} ${ms.map(vec).join(String.raw` \\ `)} \end{bmatrix} + b\right)`;
}

/** Tensor fusion (Zadeh et al. 2017): the outer product of every modality vector extended by a 1. */
function tensorTex(ms: readonly Modality[]): string {
  return String.raw`\begin{aligned} z &= f\big(W \operatorname{vec}(Z) + b\big) \\ Z &= ${ms.map(withOne).join(String.raw` \otimes `)} \end{aligned}`;
}

/** Low-rank fusion (Liu et al. 2018): R rank-one factors, one projection per modality, multiplied elementwise. */
function lowRankTex(ms: readonly Modality[]): string {
  const factors = ms.map((m) => String.raw`${weight(m, '^{(r)}')} ${withOne(m)}`).join(String.raw` \circ `);
  return String.raw`\begin{aligned} z &= f\Big(\sum_{r=1}^{R} \lambda_r\, h_r + b\Big) \\ h_r &= ${factors} \end{aligned}`;
}

/** The outer product with the appended 1s, entry by entry (v and u the first two modality vectors). */
export const OUTER_PRODUCT = String.raw`\begin{aligned} & \begin{bmatrix} v \\ 1 \end{bmatrix} \otimes \begin{bmatrix} u \\ 1 \end{bmatrix} \\ &= \begin{bmatrix} v_1 u_1 & \cdots & v_1 u_d & v_1 \\ \vdots & \ddots & \vdots & \vdots \\ v_d u_1 & \cdots & v_d u_d & v_d \\ u_1 & \cdots & u_d & 1 \end{bmatrix} \end{aligned}`;

const FUSION_TEX: Record<string, { name: string; tex: (ms: readonly Modality[]) => string }> = {
  concat: { name: 'concatenation', tex: concatTex },
  additive: { name: 'the additive shared layer', tex: additiveTex },
  tensor: { name: 'tensor fusion', tex: tensorTex },
  lowrank: { name: 'low-rank fusion (R factors)', tex: lowRankTex },
};

/** How a modality's vector is named in a caption: 'the image vector'. */
const NOUN: Record<Modality, string> = { image: 'image', text: 'caption', audio: 'sound' };

/** The outer product's caption: which vectors v and u are, and what its last row and column hold. */
function outerProductCaption(ms: readonly Modality[]): string {
  const [a, b] = ms;
  const of = `v = v_${SUBSCRIPT[a]}, u = v_${SUBSCRIPT[b]}`;
  const third =
    ms.length > 2
      ? `; with ${NOUN[ms[2]]}s each entry is multiplied once more by [v_${SUBSCRIPT[ms[2]]}; 1], adding every trimodal product`
      : '';
  return (
    `The outer product written out (${of}): every bimodal product vᵢuⱼ, the ${NOUN[a]} vector in the last ` +
    `column, the ${NOUN[b]} vector in the last row, and 1${third}`
  );
}

/**
 * The fusion in use over the run's modalities, then the additive layer and the outer product written out
 * (the two forms the survey contrasts) when the fusion in use is not already one of them, then the
 * objective with the terms the settings switch on.
 */
export function jointFormulas(config: ExperimentConfig): FormulaLine[] {
  const ms = modalitiesOf(config.modalities);
  const selected = FUSION_TEX[config.fusion] ?? FUSION_TEX.additive;
  const lines: FormulaLine[] = [{ caption: `Fusion in use: ${selected.name}`, tex: selected.tex(ms) }];
  if (config.fusion !== 'additive')
    lines.push({ caption: 'The additive shared layer (the survey’s joint layer)', tex: additiveTex(ms) });
  lines.push({ caption: outerProductCaption(ms), tex: OUTER_PRODUCT });
  lines.push({
    caption: `The objective; the masks m (modality dropout) zero ${ms.length > 2 ? 'one or two modalities' : 'one modality'} at random`,
    tex: jointObjectiveTex(config),
  });
  return lines;
}

/**
 * The joint objective with only the terms the config trains, and the fused code it reads. The
 * reconstruction targets are always the pair's picture and caption (sound is not reconstructed); the
 * unimodal term covers those of the two the run has as inputs.
 */
export function jointObjectiveTex(config: ExperimentConfig): string {
  const ms = modalitiesOf(config.modalities);
  const terms: Term[] = [];
  if (config.jointObjective !== 'autoencoder')
    terms.push({
      sign: '+',
      tex: String.raw`\lambda_{\text{attr}}\,\frac{1}{A}\sum_{a} \mathrm{CE}\big(H_a z,\ y_a\big)`,
    });
  if (config.jointObjective !== 'supervised')
    terms.push(
      {
        sign: '+',
        tex: String.raw`\lambda_{\text{rec}}\,\lVert D_I(z) - x_{\downarrow}\rVert^2 / \sigma^2_{x}`,
      },
      { sign: '+', tex: String.raw`\lambda_{\text{rec}}\,\mathrm{CE}\big(D_T(z),\ \mathrm{bow}(s)\big)` },
    );
  const unimodal = [
    ...(ms.includes('image') ? [String.raw`\mathcal{L}_I(${vec('image')})`] : []),
    ...(ms.includes('text') ? [String.raw`\mathcal{L}_T(${vec('text')})`] : []),
  ];
  if (config.unimodalReconWeight > 0 && unimodal.length > 0)
    terms.push({
      sign: '+',
      tex:
        unimodal.length > 1
          ? String.raw`\lambda_{\text{uni}}\big(${unimodal.join(' + ')}\big)`
          : String.raw`\lambda_{\text{uni}}\,${unimodal[0]}`,
    });
  if (config.traceNormWeight > 0) terms.push({ sign: '+', tex: String.raw`\lambda_{\text{tr}}\,\Omega(W)` });
  const masked = ms.map((m) => String.raw`m_{\text{${SUBSCRIPT[m]}}} ${vec(m)}`).join(String.raw`,\ `);
  const fused = String.raw`z = \mathrm{fuse}\big(${masked}\big)`;
  if (terms.length === 0) return fused;
  return String.raw`\begin{gathered} ${alignedSum(String.raw`\mathcal{L}`, terms)} \\[4pt] ${fused} \end{gathered}`;
}

const CAPTION_NLL = String.raw`\frac{1}{T}\sum_{t=1}^{T} \log p\big(w_t \mid w_{<t},\, v_I\big)`;
const IMAGE_NLL = String.raw`\frac{1}{P}\sum_{p=1}^{P} \big[x_p \log \hat{x}_p + (1 - x_p)\log(1 - \hat{x}_p)\big]`;

/** The survey's objective, then the loss of the direction in use, then how captions are decoded. */
export function encdecFormulas(config: ExperimentConfig): FormulaLine[] {
  const terms: Term[] = [];
  if (config.direction !== 't2i') terms.push({ sign: '-', tex: CAPTION_NLL });
  if (config.direction !== 'i2t') terms.push({ sign: '-', tex: IMAGE_NLL });
  if (config.consistencyWeight > 0) terms.push({ sign: '+', tex: String.raw`\lambda\, C(v_I, v_T)` });
  const lines: FormulaLine[] = [
    {
      caption: 'The survey’s objective: make the target likely given the source',
      tex: String.raw`\begin{aligned} \theta^{*} &= \arg\max_{\theta} \sum_{(V,S)} \log p(S \mid V;\theta) \\ &= \arg\max_\theta \sum_{(V,S)} \sum_{t} \log p(w_t \mid V, w_{<t};\theta) \end{aligned}`,
    },
    {
      caption: `The loss in use (${optionLabel(CONFIG_SPEC.direction, config.direction)}): ${lossParts(config)}`,
      tex: alignedSum(String.raw`\mathcal{L}`, terms),
    },
  ];
  if (config.consistencyWeight > 0)
    lines.push({
      caption: 'Semantic consistency between the two latents of a pair',
      tex:
        config.consistency === 'mse'
          ? String.raw`C(v_I, v_T) = \frac{1}{B}\sum_i \lVert v_{I,i} - v_{T,i}\rVert^2`
          : String.raw`C(v_I, v_T) = \mathrm{InfoNCE}(v_I, v_T),\ \ \tau = 0.1`,
    });
  if (config.direction !== 't2i') lines.push({ caption: 'Decoding a caption', tex: decodingTex(config) });
  return lines;
}

/** The loss's terms in words, in the order of the formula. */
function lossParts(config: ExperimentConfig): string {
  const parts: string[] = [];
  if (config.direction !== 't2i') parts.push('mean over caption words');
  if (config.direction !== 'i2t') parts.push('mean over pixel values');
  if (config.consistencyWeight > 0) parts.push('the consistency term');
  return parts.join(', ');
}

function decodingTex(config: ExperimentConfig): string {
  switch (config.decoding) {
    case 'greedy':
      return String.raw`w_t = \arg\max_{w}\ p\big(w \mid w_{<t},\, v_I\big)`;
    case 'sample':
      return String.raw`w_t \sim p\big(w \mid w_{<t},\, v_I\big)^{1/\tau}, \quad \tau = ${config.samplingTemperature}`;
    default:
      return String.raw`\hat{S} = \arg\max_{S \in \text{beam}(k = ${config.beamWidth})}\ \frac{\log p(S \mid v_I)}{|S|^{\alpha}}, \quad \alpha = ${config.lengthPenalty}`;
  }
}
