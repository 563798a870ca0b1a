/**
 * The formulas of joint representation and of the encoder-decoder, written out for the settings in use,
 * in the notation of the explanation panel: v_img and v_txt the modality vectors, z the joint code,
 * v_I and v_T the encoder-decoder's latents. TeX strings for KaTeX; pure, so they can be tested.
 */
import type { ExperimentConfig } from '../../core/experiment/config';

/** A typeset formula with an optional line of words above it. */
export interface FormulaLine {
  caption?: string;
  tex: string;
}

const ADDITIVE = String.raw`z = f\Big(\sum_{m} W_m v_m + b\Big) = f\big(W_{\text{img}}\, v_{\text{img}} + W_{\text{txt}}\, v_{\text{txt}} + b\big)`;
const CONCAT = String.raw`z = f\left(W \begin{bmatrix} v_{\text{img}} \\ v_{\text{txt}} \end{bmatrix} + b\right)`;
const TENSOR = String.raw`z = f\big(W \operatorname{vec}(Z) + b\big), \qquad Z = \begin{bmatrix} v_{\text{img}} \\ 1 \end{bmatrix} \otimes \begin{bmatrix} v_{\text{txt}} \\ 1 \end{bmatrix}`;
const LOWRANK = String.raw`z = f\Big(\sum_{r=1}^{R} \lambda_r \big(W^{(r)}_{\text{img}} \begin{bmatrix} v_{\text{img}} \\ 1 \end{bmatrix}\big) \circ \big(W^{(r)}_{\text{txt}} \begin{bmatrix} v_{\text{txt}} \\ 1 \end{bmatrix}\big) + b\Big)`;
/** The outer product with the appended 1s, entry by entry (v = v_img, u = v_txt). */
export const OUTER_PRODUCT = String.raw`\begin{bmatrix} v \\ 1 \end{bmatrix} \otimes \begin{bmatrix} u \\ 1 \end{bmatrix} = \begin{bmatrix} v_1 u_1 & \cdots & v_1 u_d & v_1 \\ \vdots & \ddots & \vdots & \vdots \\ v_d u_1 & \cdots & v_d u_d & v_d \\ u_1 & \cdots & u_d & 1 \end{bmatrix}`;

const FUSION_TEX: Record<string, { name: string; tex: string }> = {
  concat: { name: 'concatenation', tex: CONCAT },
  additive: { name: 'the additive shared layer', tex: ADDITIVE },
  tensor: { name: 'tensor fusion', tex: TENSOR },
  lowrank: { name: 'low-rank fusion', tex: LOWRANK },
};

/**
 * The fusion in use, then the additive layer and the outer product written out (the two forms the survey
 * contrasts) when the fusion in use is not already one of them, then the objective with the terms the
 * settings switch on.
 */
export function jointFormulas(config: ExperimentConfig): FormulaLine[] {
  const selected = FUSION_TEX[config.fusion] ?? FUSION_TEX.additive!;
  const lines: FormulaLine[] = [{ caption: `Fusion in use: ${selected.name}`, tex: selected.tex }];
  if (config.fusion !== 'additive')
    lines.push({ caption: 'The additive shared layer (the survey’s joint layer)', tex: ADDITIVE });
  lines.push({
    caption:
      'The outer product written out (v = v_img, u = v_txt): every bimodal product vᵢuⱼ, the image vector in the last column, the caption vector in the last row',
    tex: OUTER_PRODUCT,
  });
  lines.push({ caption: 'The objective, trained under modality dropout', tex: jointObjectiveTex(config) });
  return lines;
}

/** The joint objective with only the terms the config trains. */
export function jointObjectiveTex(config: ExperimentConfig): string {
  const terms: string[] = [];
  if (config.jointObjective !== 'autoencoder')
    terms.push(String.raw`\lambda_{\text{attr}}\,\frac{1}{A}\sum_{a} \mathrm{CE}\big(H_a z,\ y_a\big)`);
  if (config.jointObjective !== 'supervised')
    terms.push(
      String.raw`\lambda_{\text{rec}}\Big(\frac{\lVert D_I(z) - x_{\downarrow}\rVert^2}{\operatorname{Var}(x_{\downarrow})} + \mathrm{CE}\big(D_T(z),\ \mathrm{bow}(s)\big)\Big)`,
    );
  if (config.unimodalReconWeight > 0)
    terms.push(String.raw`\lambda_{\text{uni}}\big(\mathcal{L}_I(v_{\text{img}}) + \mathcal{L}_T(v_{\text{txt}})\big)`);
  if (config.traceNormWeight > 0) terms.push(String.raw`\lambda_{\text{tr}}\,\Omega(W)`);
  return String.raw`\mathcal{L} = ${terms.join(' + ')}, \qquad z = \mathrm{fuse}\big(m_{\text{img}} v_{\text{img}},\ m_{\text{txt}} v_{\text{txt}}\big)`;
}

const CAPTION_NLL = String.raw`-\frac{1}{T}\sum_{t=1}^{T} \log p\big(w_t \mid w_{<t},\, v_I\big)`;
const IMAGE_NLL = String.raw`-\frac{1}{P}\sum_{p=1}^{P} \big[x_p \log \hat{x}_p + (1 - x_p)\log(1 - \hat{x}_p)\big]`;

/** The survey's objective, then the loss of the direction in use, then how captions are decoded. */
export function encdecFormulas(config: ExperimentConfig): FormulaLine[] {
  const terms: string[] = [];
  if (config.direction !== 't2i') terms.push(CAPTION_NLL);
  if (config.direction !== 'i2t') terms.push(IMAGE_NLL);
  if (config.consistencyWeight > 0) terms.push(String.raw`\lambda\, C(v_I, v_T)`);
  const consistency =
    config.consistency === 'mse'
      ? String.raw`C(v_I, v_T) = \frac{1}{B}\sum_i \lVert v_{I,i} - v_{T,i}\rVert^2`
      : String.raw`C(v_I, v_T) = \mathrm{InfoNCE}(v_I, v_T), \ \tau = 0.1`;
  const lines: FormulaLine[] = [
    {
      caption: 'The survey’s objective: make the target likely given the source',
      tex: String.raw`\theta^{*} = \arg\max_{\theta} \sum_{(V,S)} \log p(S \mid V;\theta) = \arg\max_\theta \sum_{(V,S)} \sum_{t} \log p(w_t \mid V, w_{<t};\theta)`,
    },
    {
      caption: `The loss in use (direction ${config.direction})`,
      tex: String.raw`\mathcal{L} = ${terms.join(' + ')}`,
    },
  ];
  if (config.consistencyWeight > 0) lines.push({ caption: 'Semantic consistency', tex: consistency });
  if (config.direction !== 't2i') lines.push({ caption: 'Decoding', tex: decodingTex(config) });
  return lines;
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
