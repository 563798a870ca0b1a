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
