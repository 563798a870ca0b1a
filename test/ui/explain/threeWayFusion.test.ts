import { describe, expect, it } from 'vitest';
import katex from 'katex';
import { resolveConfig } from '../../../src/core/experiment/config';
import { fusionCounts, THREE_WAY_LOWRANK, THREE_WAY_TENSOR } from '../../../src/ui/explain/threeWayFusion';

function config(settings: Record<string, unknown>) {
  const { config, errors } = resolveConfig(settings);
  expect(errors).toEqual([]);
  return config;
}

const typeset = (tex: string) =>
  katex.renderToString(tex, { displayMode: true, throwOnError: true, strict: 'error' });

describe('three-way tensor fusion explanation', () => {
  it('counts the weights of both forms from the widths in use, by hand', () => {
    const c = fusionCounts(config({ framework: 'joint', modalityDim: 4, dim: 8, fusionRank: 2 }));
    // Tensor: 5 · 5 · 5 · 8 + 8 = 1,008. Low rank: 2 · 8 · (5 + 5 + 5) + 2 + 8 = 250.
    expect(c.tensor).toBe(1008);
    expect(c.lowRank).toBe(250);
    expect(c.tensorTex).toBe(String.raw`(4 + 1)(4 + 1)(4 + 1) \cdot 8 + 8 = 1{,}008`);
    expect(c.lowRankTex).toBe(String.raw`2 \cdot 8 \cdot 3 \cdot (4 + 1) + 2 + 8 = 250`);
  });

  it('at the defaults (d = 32, out = 32, R = 4) the full tensor needs 33³ · 32 + 32 weights', () => {
    const c = fusionCounts(config({ framework: 'joint' }));
    expect(c.tensor).toBe(33 ** 3 * 32 + 32);
    expect(c.lowRank).toBe(4 * 32 * 99 + 4 + 32);
  });

  it('typesets every formula without a TeX error', () => {
    const c = fusionCounts(config({ framework: 'joint' }));
    for (const tex of [THREE_WAY_TENSOR, THREE_WAY_LOWRANK, c.tensorTex, c.lowRankTex])
      expect(typeset(tex)).toContain('katex');
    expect(THREE_WAY_TENSOR).toContain(String.raw`\otimes \begin{bmatrix} z_a \\ 1 \end{bmatrix}`);
  });
});
