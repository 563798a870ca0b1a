import { describe, expect, it } from 'vitest';
import { encodeNpy, parseNpy } from '../../../src/core/embeddings/npy';

/** A .npy file with a hand-written header and the given data bytes. */
function npyFile(header: string, data: Uint8Array, version = 1): Uint8Array {
  const pre = version === 1 ? 10 : 12;
  const padded = header.padEnd(Math.ceil((pre + header.length + 1) / 64) * 64 - pre - 1, ' ') + '\n';
  const out = new Uint8Array(pre + padded.length + data.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0]);
  const view = new DataView(out.buffer);
  if (version === 1) view.setUint16(8, padded.length, true);
  else view.setUint32(8, padded.length, true);
  for (let i = 0; i < padded.length; i++) out[pre + i] = padded.charCodeAt(i);
  out.set(data, pre + padded.length);
  return out;
}

const f64 = (values: number[]) => new Uint8Array(Float64Array.from(values).buffer);

describe('parseNpy', () => {
  it('reads back a float32 [rows, cols] array written by encodeNpy, its data 64-byte aligned', () => {
    const data = Float32Array.from([1, -2.5, 3, 0.125, 5, 6]);
    const bytes = encodeNpy(data, 2, 3);
    expect((bytes.length - 24) % 64).toBe(0);
    const m = parseNpy(bytes);
    expect([m.rows, m.cols, m.dtype]).toEqual([2, 3, '<f4']);
    expect(Array.from(m.data)).toEqual([1, -2.5, 3, 0.125, 5, 6]);
  });

  it('reads float64 (rounded to float32), version 2 headers and 1-D arrays as one column', () => {
    const m = parseNpy(
      npyFile("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }", f64([0.5, 1, 2]), 2),
    );
    expect([m.rows, m.cols]).toEqual([3, 1]);
    expect(Array.from(m.data)).toEqual([0.5, 1, 2]);
  });

  it('reads data that does not start at an aligned offset of its buffer', () => {
    const bytes = encodeNpy(Float32Array.from([7, 8]), 1, 2);
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    expect(Array.from(parseNpy(shifted.subarray(1)).data)).toEqual([7, 8]);
  });

  it('refuses what it would read wrong, saying why and what to do', () => {
    const h = (descr: string, fortran: string, shape: string) =>
      `{'descr': '${descr}', 'fortran_order': ${fortran}, 'shape': ${shape}, }`;
    expect(() => parseNpy(new TextEncoder().encode('a,b\n1,2'), 'x.npy')).toThrow(/x\.npy: is not a NumPy/);
    expect(() => parseNpy(npyFile(h('>f4', 'False', '(1, 1)'), new Uint8Array(4)))).toThrow(/big-endian/);
    expect(() => parseNpy(npyFile(h('<i8', 'False', '(1, 1)'), new Uint8Array(8)))).toThrow(/'<i8'/);
    expect(() => parseNpy(npyFile(h('<f4', 'True', '(2, 2)'), new Uint8Array(16)))).toThrow(/Fortran order/);
    expect(() => parseNpy(npyFile(h('<f4', 'False', '(2, 2, 2)'), new Uint8Array(32)))).toThrow(/3-D array/);
    expect(() => parseNpy(npyFile(h('<f4', 'False', '(2, 2)'), new Uint8Array(12)))).toThrow(
      /16 bytes.*12 bytes: it is cut off/,
    );
    const v9 = npyFile(h('<f4', 'False', '(1, 1)'), new Uint8Array(4));
    v9[6] = 9;
    expect(() => parseNpy(v9)).toThrow(/version 9\.0/);
  });
});
