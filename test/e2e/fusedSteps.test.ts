/**
 * The fused WebGPU step (Adam in one dispatch per variable, row normalisation and InfoNCE in one each,
 * submits batched) trains to the same weights as plain TF.js on the same backend: every framework's
 * 20 steps on Dawn + SwiftShader in Node, in a child process (Dawn needs LD_LIBRARY_PATH at start-up).
 * Slow on SwiftShader (minutes per framework), hence here and not in the unit suite.
 */
import { describe, expect, it } from 'vitest';
import { runJsonLines, TSX } from '../../bench/lib/child';
import { SWIFTSHADER_ICD } from '../../bench/node/webgpuNode';
import type { FusedStepsLine } from './fusedStepsNode';

// SwiftShader takes minutes per framework: the suite checks Adam and the default (coordinated) model;
// FUSED_STEPS_FRAMEWORKS=coordinated,joint,correlation,encdec checks the others.
const FRAMEWORKS = (process.env.FUSED_STEPS_FRAMEWORKS ?? 'coordinated').split(',');
const args = ['test/e2e/fusedStepsNode.ts', '--steps', '20', '--frameworks', FRAMEWORKS.join(',')];
const { lines } = await runJsonLines<FusedStepsLine>(TSX, args, {
  env: {
    VK_ICD_FILENAMES: process.env.VK_ICD_FILENAMES ?? SWIFTSHADER_ICD,
    LD_LIBRARY_PATH: ['/usr/lib/chromium', process.env.LD_LIBRARY_PATH].filter(Boolean).join(':'),
    XDG_RUNTIME_DIR: process.env.XDG_RUNTIME_DIR ?? '/tmp',
  },
  timeoutMs: 60 * 60_000,
});
const unavailable = lines.find((l) => l.name === 'webgpu')?.error;

describe.skipIf(Boolean(unavailable))(
  `fused WebGPU step${unavailable ? ` (skipped: ${unavailable})` : ''}`,
  () => {
    it('Adam in one dispatch matches tf.train.adam over 20 steps, saved and restored halfway', () => {
      const adam = lines.find((l) => l.name === 'adam');
      expect(adam?.error).toBeUndefined();
      expect(adam?.maxDiff).toBeLessThan(1e-5);
    });

    for (const framework of FRAMEWORKS)
      it(`${framework}: 20 fused steps give the weights and loss of 20 plain ones, leaking nothing`, () => {
        const line = lines.find((l) => l.name === framework);
        expect(line?.error).toBeUndefined();
        // Measured 4.8e-5 for coordinated (weights up to 0.22): the fused reductions sum in another
        // order, and Adam's m/√v turns a last-bit difference of a near-zero gradient into up to lr.
        expect(line?.maxDiff).toBeLessThan(1e-4);
        const [plain, fused] = line?.losses ?? [NaN, NaN];
        expect(Math.abs(plain - fused)).toBeLessThan(1e-5);
        expect(line?.leaked).toBe(0);
      });
  },
);
