// @vitest-environment jsdom
import { describe, it, expect } from 'vitest';
import { createWebglRenderer } from '../../src/plots/scatter/webglPoints';
import { pointStyles } from '../../src/plots/scatter/pointStyle';

/**
 * A WebGL context stand-in that records buffer uploads, uniforms and draw calls (jsdom has no WebGL):
 * enough to check what the renderer sends to the GPU for each modality.
 */
function fakeGl() {
  const uploads: { target: number; data: ArrayBufferView }[] = [];
  const draws: { mode: number; count: number }[] = [];
  const uniforms = new Map<string, number[]>();
  const constants: Record<string, unknown> = {
    ARRAY_BUFFER: 34962,
    ELEMENT_ARRAY_BUFFER: 34963,
    POINTS: 0,
    LINES: 1,
    UNSIGNED_INT: 5125,
    UNSIGNED_BYTE: 5121,
    FLOAT: 5126,
  };
  const gl = new Proxy(constants, {
    get(target, prop: string) {
      if (prop in target) return target[prop];
      switch (prop) {
        case 'bufferData':
          return (t: number, data: ArrayBufferView) => uploads.push({ target: t, data });
        case 'drawElements':
          return (mode: number, count: number) => draws.push({ mode, count });
        case 'getShaderParameter':
        case 'getProgramParameter':
          return () => true;
        case 'getExtension':
          return () => ({});
        case 'getUniformLocation':
          return (_p: unknown, name: string) => name;
        case 'uniform4fv':
        case 'uniform1f':
          return (loc: string, v: number | Float32Array) =>
            uniforms.set(loc, typeof v === 'number' ? [v] : Array.from(v));
        default:
          return () => ({});
      }
    },
  });
  return { gl, uploads, draws, uniforms };
}

describe('WebGL renderer', () => {
  it('uploads layout positions, a style code per row, and the interleaved order; one draw for all points', () => {
    const fake = fakeGl();
    const canvas = document.createElement('canvas');
    canvas.getContext = ((kind: string) =>
      kind === 'webgl2' || kind === 'webgl' ? fake.gl : null) as typeof canvas.getContext;
    const renderer = createWebglRenderer(canvas)!;
    expect(renderer.kind).toBe('webgl');
    const xy = Float32Array.from([0, 0, 1, 1, 5, 5, 6, 6]);
    renderer.draw({
      xy,
      n: 2,
      styles: pointStyles(2, { selected: null }),
      positionsVersion: 1,
      stylesVersion: 1,
      transform: { ax: 1, bx: 0, ay: -1, by: 100 },
      width: 100,
      height: 100,
      pixelRatio: 1,
      pointSize: 7,
      alpha: 0.85,
      pairLines: true,
      lineAlpha: 0.3,
    });
    const arrays = fake.uploads
      .filter((u) => u.target === 34962)
      .map((u) => Array.from(u.data as Uint8Array));
    expect(arrays).toContainEqual(Array.from(xy));
    expect(arrays).toContainEqual([0, 0, 2, 2]); // images style 0 (circle), captions style 2 (triangle)
    const elements = fake.uploads
      .filter((u) => u.target === 34963)
      .map((u) => Array.from(u.data as Uint32Array));
    expect(elements).toEqual([
      [0, 2, 1, 3],
      [0, 2, 1, 3],
    ]); // draw order, then line endpoints (image i, caption n+i)
    expect(fake.draws).toEqual([
      { mode: 1, count: 4 },
      { mode: 0, count: 4 },
    ]);
    // Colour table: style 0 blue, style 2 orange.
    const colours = fake.uniforms.get('u_colours')!;
    expect(colours.slice(0, 3).map((v) => Math.round(v * 255))).toEqual([0, 114, 178]);
    expect(colours.slice(8, 11).map((v) => Math.round(v * 255))).toEqual([230, 159, 0]);
  });
});
