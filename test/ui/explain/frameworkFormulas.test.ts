import { describe, expect, it } from 'vitest';
import katex from 'katex';
import { resolveConfig } from '../../../src/core/experiment/config';
import { FUSIONS } from '../../../src/core/fusion/fusionNames';
import { JOINT_OBJECTIVES } from '../../../src/core/experiment/jointParams';
import { CAPTION_DECODINGS, ENCDEC_DIRECTIONS } from '../../../src/core/experiment/encdecParams';
import {
  alignedSum,
  encdecFormulas,
  jointFormulas,
  jointObjectiveTex,
  OUTER_PRODUCT,
} from '../../../src/ui/explain/frameworkFormulas';

function config(settings: Record<string, unknown>) {
  const { config, errors } = resolveConfig(settings);
  expect(errors).toEqual([]);
  return config;
}

/** Typesets strictly: a TeX error fails the test instead of showing red text in the page. */
function typeset(tex: string): string {
  return katex.renderToString(tex, { displayMode: true, throwOnError: true, strict: 'error' });
}

describe('formulas of the explanation panel', () => {
  it('lays a sum out one signed term per line', () => {
    expect(
      alignedSum('L', [
        { sign: '-', tex: 'a' },
        { sign: '+', tex: 'b' },
      ]),
    ).toBe(String.raw`\begin{aligned} L ={}& -a \\ &+ b \end{aligned}`);
  });

  it('typesets every fusion and objective, always with the additive layer and the outer product', () => {
    for (const fusion of FUSIONS)
      for (const jointObjective of JOINT_OBJECTIVES) {
        const lines = jointFormulas(
          config({
            framework: 'joint',
            fusion,
            jointObjective,
            unimodalReconWeight: 1,
            traceNormWeight: 0.1,
          }),
        );
        for (const line of lines) typeset(line.tex);
        const tex = lines.map((l) => l.tex).join('\n');
        expect(tex).toContain(String.raw`W_{\text{img}}\, v_{\text{img}} + W_{\text{txt}}\, v_{\text{txt}}`);
        expect(tex).toContain(OUTER_PRODUCT);
        expect(lines[0].caption).toContain('Fusion in use');
      }
  });

  it('writes each fusion over the run’s own modalities, three-way with sound', () => {
    for (const fusion of FUSIONS)
      for (const modalities of ['image,audio', 'text,audio', 'image,text,audio']) {
        const lines = jointFormulas(
          config({ framework: 'joint', fusion, modalities, unimodalReconWeight: 1 }),
        );
        for (const line of lines) typeset(line.tex);
        const fused = lines[0].tex;
        const has = (sub: string) => fused.includes(String.raw`v_{\text{${sub}}}`);
        expect([has('img'), has('txt'), has('snd')]).toEqual([
          modalities.includes('image'),
          modalities.includes('text'),
          true,
        ]);
      }
    const tensor = jointFormulas(
      config({ framework: 'joint', fusion: 'tensor', modalities: 'image,text,audio' }),
    );
    // Zadeh et al.: [z_v; 1] ⊗ [z_l; 1] ⊗ [z_a; 1] — two ⊗ between three extended vectors.
    expect(tensor[0].tex.split(String.raw`\otimes`).length - 1).toBe(2);
    expect(tensor[0].tex).toContain(String.raw`\begin{bmatrix} v_{\text{snd}} \\ 1 \end{bmatrix}`);
    const additive = jointFormulas(
      config({ framework: 'joint', fusion: 'additive', modalities: 'image,audio' }),
    );
    expect(additive[0].tex).toContain(
      String.raw`f\big(W_{\text{img}}\, v_{\text{img}} + W_{\text{snd}}\, v_{\text{snd}} + b\big)`,
    );
    expect(additive[1].caption).toContain('v = v_img, u = v_snd');
    expect(additive[1].caption).toContain('the sound vector in the last row');
    expect(tensor[tensor.length - 1].caption).toContain('one or two modalities');
  });

  it('masks every input and keeps the unimodal term only for the picture and caption the run has', () => {
    const imageAudio = jointObjectiveTex(
      config({ framework: 'joint', modalities: 'image,audio', unimodalReconWeight: 1 }),
    );
    expect(imageAudio).toContain(
      String.raw`z = \mathrm{fuse}\big(m_{\text{img}} v_{\text{img}},\ m_{\text{snd}} v_{\text{snd}}\big)`,
    );
    expect(imageAudio).toContain(String.raw`\lambda_{\text{uni}}\,\mathcal{L}_I(v_{\text{img}})`);
    expect(imageAudio).not.toContain(String.raw`\mathcal{L}_T`);
    const three = jointObjectiveTex(
      config({ framework: 'joint', modalities: 'image,text,audio', unimodalReconWeight: 1 }),
    );
    expect(three).toContain(
      String.raw`\lambda_{\text{uni}}\big(\mathcal{L}_I(v_{\text{img}}) + \mathcal{L}_T(v_{\text{txt}})\big)`,
    );
    expect(three).toContain(String.raw`m_{\text{snd}} v_{\text{snd}}`);
  });

  it('writes only the objective terms the settings train', () => {
    const supervised = jointObjectiveTex(config({ framework: 'joint', jointObjective: 'supervised' }));
    expect(supervised).toContain(String.raw`\lambda_{\text{attr}}`);
    expect(supervised).not.toContain(String.raw`\lambda_{\text{rec}}`);
    expect(supervised).not.toContain(String.raw`\lambda_{\text{tr}}`);
    const autoencoder = jointObjectiveTex(
      config({ framework: 'joint', jointObjective: 'autoencoder', traceNormWeight: 0.1 }),
    );
    expect(autoencoder).not.toContain(String.raw`\lambda_{\text{attr}}`);
    expect(autoencoder).toContain(String.raw`\lambda_{\text{rec}}`);
    expect(autoencoder).toContain(String.raw`\lambda_{\text{tr}}`);
  });

  it('typesets the encoder-decoder objective of each direction and decoding', () => {
    for (const direction of ENCDEC_DIRECTIONS)
      for (const decoding of CAPTION_DECODINGS)
        for (const consistencyWeight of [0, 0.5]) {
          const lines = encdecFormulas(
            config({ framework: 'encdec', direction, decoding, consistencyWeight }),
          );
          for (const line of lines) typeset(line.tex);
          const loss = lines[1].tex;
          expect(loss.includes(String.raw`\log p\big(w_t`)).toBe(direction !== 't2i');
          expect(loss.includes(String.raw`\log \hat{x}_p`)).toBe(direction !== 'i2t');
          expect(loss.includes('C(v_I, v_T)')).toBe(consistencyWeight > 0);
          expect(lines.some((l) => l.caption === 'Decoding a caption')).toBe(direction !== 't2i');
        }
  });
});
