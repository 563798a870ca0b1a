import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { assembleKernels, expandMadd } from '../../../scripts/wasmKernelSource';
import { RELAXED_SIMD_KERNELS, SIMD_KERNELS } from '../../../src/core/wasm/kernelBinaries';

describe('the WASM kernel binaries', () => {
  it('are the committed kernels.wat, assembled (run npm run build:wasm-kernels after editing it)', async () => {
    const source = readFileSync(new URL('../../../src/core/wasm/kernels.wat', import.meta.url), 'utf8');
    const { simd, relaxed } = await assembleKernels(source);
    expect(Buffer.from(simd).toString('base64')).toBe(SIMD_KERNELS);
    expect(Buffer.from(relaxed).toString('base64')).toBe(RELAXED_SIMD_KERNELS);
  });

  it('expand MADD to a multiply and an add, or to one relaxed fused multiply-add', () => {
    const src =
      ';; (MADD in a comment)\n(local.set $c (MADD (local.get $c) (local.get $s) (v128.load (local.get $p))))';
    expect(expandMadd(src, 'simd')).toBe(
      '\n(local.set $c (f32x4.add (local.get $c) (f32x4.mul (local.get $s) (v128.load (local.get $p)))))',
    );
    expect(expandMadd(src, 'relaxed')).toBe(
      '\n(local.set $c (f32x4.relaxed_madd (local.get $s) (v128.load (local.get $p)) (local.get $c)))',
    );
    expect(() => expandMadd('(MADD (a) (b))', 'simd')).toThrow(/unbalanced|three operands|expected/);
  });
});
