import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { tf } from '../../../src/core/tf';
import { useNodeBackend } from '../../../src/cli/nodeBackends';
import { matMulUnpacked } from '../../../src/core/wasm/unpackedMatMul';
import { relaxedSimdSupported, wasmKernelOptions, wasmKernels } from '../../../src/core/wasm/wasmKernels';
import { RELAXED_SIMD_KERNELS } from '../../../src/core/wasm/kernelBinaries';
import { normals } from '../../helpers/tensors';

afterEach(() => {
  wasmKernelOptions.enabled = true;
});

/** a @ b in float64. a: [rows, depth], b: [depth, cols], row-major. */
function reference(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  rows: number,
  depth: number,
  cols: number,
): number[] {
  const c = new Array<number>(rows * cols).fill(0);
  for (let i = 0; i < rows; i++)
    for (let k = 0; k < depth; k++)
      for (let j = 0; j < cols; j++) c[i * cols + j] += a[i * depth + k] * b[k * cols + j];
  return c;
}

function relativeError(got: ArrayLike<number>, want: number[]): number {
  let err = 0;
  let scale = 0;
  for (let i = 0; i < want.length; i++) {
    err = Math.max(err, Math.abs(got[i] - want[i]));
    scale = Math.max(scale, Math.abs(want[i]));
  }
  return err / scale;
}

describe('matMulUnpacked', () => {
  // Tail rows (7 = a quad and three singles), depth across two blocks of 256, rows across two row
  // blocks (32768 / 256 = 128 rows each), and the shapes of the default model's image layer.
  const shapes: [number, number, number][] = [
    [7, 5, 8],
    [7, 300, 16],
    [200, 300, 24],
    [64, 3072, 256],
    [3072, 64, 256],
  ];
  for (const [rows, depth, cols] of shapes) {
    it(`gives a @ b for [${rows},${depth}] x [${depth},${cols}] within float32 rounding`, async () => {
      await useNodeBackend('wasm');
      expect(wasmKernels()).not.toBeNull();
      const av = normals(rows * depth, 1);
      const bv = normals(depth * cols, 2);
      const before = tf.memory().numTensors;
      const [a, b] = [tf.tensor2d(av, [rows, depth]), tf.tensor2d(bv, [depth, cols])];
      const c = matMulUnpacked(a, b);
      const xnnpack = tf.matMul(a, b);
      expect(c.shape).toEqual([rows, cols]);
      const got = await c.data();
      expect(relativeError(got, reference(av, bv, rows, depth, cols))).toBeLessThan(1e-5);
      // Summed in depth order as XNNPACK's kernels do: the same floats as tf.matMul here.
      expect(relativeError(got, Array.from(await xnnpack.data()))).toBeLessThan(1e-6);
      tf.dispose([a, b, c, xnnpack]);
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it('leaves shapes it does not take, and other backends, to tf.matMul', async () => {
    for (const backend of ['wasm', 'cpu'] as const) {
      await useNodeBackend(backend);
      const a = tf.tensor2d([1, 2, 3, 4], [2, 2]);
      const b = tf.tensor2d([1, 0, 2, 0, 1, 3], [2, 3]); // 3 columns: not a multiple of 8
      expect(Array.from(await matMulUnpacked(a, b).data())).toEqual([1, 2, 8, 3, 4, 18]);
    }
    await useNodeBackend('wasm');
    wasmKernelOptions.enabled = false;
    expect(wasmKernels()).toBeNull();
  });

  it('detects relaxed SIMD by validating the relaxed kernels, and they compute a @ b where it runs', () => {
    // Node 20 runs relaxed SIMD only behind a flag; Chromium ships it. Either way the answer is the engine's.
    expect(relaxedSimdSupported()).toBe(WebAssembly.validate(Buffer.from(RELAXED_SIMD_KERNELS, 'base64')));
    // A Node with the flag runs the relaxed (fused multiply-add) binary on a memory of its own.
    const script = `
      const bytes = Buffer.from(process.argv[1], 'base64');
      const memory = new WebAssembly.Memory({ initial: 1 });
      const { exports } = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } });
      const f = new Float32Array(memory.buffer);
      // a = [[1, 2], [3, 4], [5, 6]] at 0; b = [[1..8], [9..16]] at byte 64; c at byte 256.
      f.set([1, 2, 3, 4, 5, 6], 0);
      f.set(Array.from({ length: 16 }, (_, i) => i + 1), 16);
      exports.matMul(0, 64, 256, 3, 2, 8);
      console.log(JSON.stringify(Array.from(f.subarray(64, 64 + 24))));`;
    const run = spawnSync(
      process.execPath,
      ['--experimental-wasm-relaxed-simd', '-e', script, RELAXED_SIMD_KERNELS],
      {
        encoding: 'utf8',
      },
    );
    expect(run.stderr).toBe('');
    const want = reference(
      [1, 2, 3, 4, 5, 6],
      Array.from({ length: 16 }, (_, i) => i + 1),
      3,
      2,
      8,
    );
    expect(JSON.parse(run.stdout)).toEqual(want);
  });
});
