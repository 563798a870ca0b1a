/**
 * The formulas of joint representation and of the encoder-decoder, written out for the settings in use,
 * in the notation of the explanation panel: v_img and v_txt the modality vectors, z the joint code,
 * v_I and v_T the encoder-decoder's latents. TeX strings for KaTeX, broken over lines to fit the side
 * column; pure, so they can be tested.
 */
import { CONFIG_SPEC, type ExperimentConfig } from '../../core/experiment/config';
import { optionLabel } from '../../core/experiment/paramSpec';

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

const IMG = String.raw`v_{\text{img}}`;
const TXT = String.raw`v_{\text{txt}}`;
const ADDITIVE = String.raw`\begin{aligned} z &= f\Big(\sum_{m} W_m v_m + b\Big) \\ &= f\big(W_{\text{img}}\, ${IMG} + W_{\text{txt}}\, ${TXT} + b\big) \end{aligned}`;
const CONCAT = String.raw`z = f\left(W \begin{bmatrix} ${IMG} \\ ${TXT} \end{bmatrix} + b\right)`;
const TENSOR = String.raw`\begin{aligned} z &= f\big(W \operatorname{vec}(Z) + b\big) \\ Z &= \begin{bmatrix} ${IMG} \\ 1 \end{bmatrix} \otimes \begin{bmatrix} ${TXT} \\ 1 \end{bmatrix} \end{aligned}`;
const LOWRANK = String.raw`\begin{aligned} z &= f\Big(\sum_{r=1}^{R} \lambda_r\, a_r \circ t_r + b\Big) \\ a_r &= W^{(r)}_{\text{img}} \begin{bmatrix} ${IMG} \\ 1 \end{bmatrix},\ \ t_r = W^{(r)}_{\text{txt}} \begin{bmatrix} ${TXT} \\ 1 \end{bmatrix} \end{aligned}`;
/** The outer product with the appended 1s, entry by entry (v = v_img, u = v_txt). */
export const OUTER_PRODUCT = String.raw`\begin{aligned} & \begin{bmatrix} v \\ 1 \end{bmatrix} \otimes \begin{bmatrix} u \\ 1 \end{bmatrix} \\ &= \begin{bmatrix} v_1 u_1 & \cdots & v_1 u_d & v_1 \\ \vdots & \ddots & \vdots & \vdots \\ v_d u_1 & \cdots & v_d u_d & v_d \\ u_1 & \cdots & u_d & 1 \end{bmatrix} \end{aligned}`;

const FUSION_TEX: Record<string, { name: string; tex: string }> = {
  concat: { name: 'concatenation', tex: CONCAT },
  additive: { name: 'the additive shared layer', tex: ADDITIVE },
  tensor: { name: 'tensor fusion', tex: TENSOR },
  lowrank: { name: 'low-rank fusion (R factors)', tex: LOWRANK },
};

/**
 * The fusion in use, then the additive layer and the outer product written out (the two forms the survey
 * contrasts) when the fusion in use is not already one of them, then the objective with the terms the
 * settings switch on.
 */
export function jointFormulas(config: ExperimentConfig): FormulaLine[] {
  const selected = FUSION_TEX[config.fusion] ?? FUSION_TEX.additive;
  const lines: FormulaLine[] = [{ caption: `Fusion in use: ${selected.name}`, tex: selected.tex }];
  if (config.fusion !== 'additive')
    lines.push({ caption: 'The additive shared layer (the survey’s joint layer)', tex: ADDITIVE });
  lines.push({
    caption:
      'The outer product written out (v = v_img, u = v_txt): every bimodal product vᵢuⱼ, the image vector in the last column, the caption vector in the last row, and 1',
    tex: OUTER_PRODUCT,
  });
  lines.push({
    caption: 'The objective; the masks m (modality dropout) zero one modality at random',
    tex: jointObjectiveTex(config),
  });
  return lines;
}

/** The joint objective with only the terms the config trains, and the fused code it reads. */
export function jointObjectiveTex(config: ExperimentConfig): string {
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
  if (config.unimodalReconWeight > 0)
    terms.push({
      sign: '+',
      tex: String.raw`\lambda_{\text{uni}}\big(\mathcal{L}_I(${IMG}) + \mathcal{L}_T(${TXT})\big)`,
    });
  if (config.traceNormWeight > 0) terms.push({ sign: '+', tex: String.raw`\lambda_{\text{tr}}\,\Omega(W)` });
  const fused = String.raw`z = \mathrm{fuse}\big(m_{\text{img}} ${IMG},\ m_{\text{txt}} ${TXT}\big)`;
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
