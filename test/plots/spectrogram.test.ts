import { describe, it, expect } from 'vitest';
import { finiteRange, spectrogramCell, spectrogramLevel, spectrogramRgba } from '../../src/plots/spectrogram';

/** Grey ramp: level t -> rgb(255t, 255t, 255t), so the expected bytes are easy to compute by hand. */
const grey = (t: number) => {
  const v = Math.round(255 * t);
  return `rgb(${v},${v},${v})`;
};

describe('spectrogram image', () => {
  // 3 frames × 2 mel bins: frame f, bin m at f·2 + m.
  // frame 0: bin0 = 0, bin1 = 4; frame 1: bin0 = 2, bin1 = 8; frame 2: bin0 = NaN, bin1 = 6.
  const values = Float32Array.from([0, 4, 2, 8, NaN, 6]);
  const data = { values, frames: 3, mels: 2 };

  it('puts time on x, the lowest bin on the bottom row, and scales min..max to 0..1', () => {
    const px = spectrogramRgba(data, grey);
    const at = (x: number, y: number) => Array.from(px.subarray((y * 3 + x) * 4, (y * 3 + x) * 4 + 4));
    // Range 0..8. Top row (y = 0) is bin 1: 4, 8, 6 -> 0.5, 1, 0.75.
    expect(at(0, 0)).toEqual([128, 128, 128, 255]);
    expect(at(1, 0)).toEqual([255, 255, 255, 255]);
    expect(at(2, 0)).toEqual([191, 191, 191, 255]);
    // Bottom row (y = 1) is bin 0: 0, 2, NaN -> 0, 0.25, transparent.
    expect(at(0, 1)).toEqual([0, 0, 0, 255]);
    expect(at(1, 1)).toEqual([64, 64, 64, 255]);
    expect(at(2, 1)).toEqual([0, 0, 0, 0]);
  });

  it('maps pixels back to cells', () => {
    expect(spectrogramCell(2, 0, 2)).toEqual({ frame: 2, mel: 1 });
    expect(spectrogramCell(0, 1, 2)).toEqual({ frame: 0, mel: 0 });
  });

  it('handles flat and empty input, and rejects a wrong shape by name', () => {
    expect(spectrogramLevel(3, 3, 3)).toBe(0.5);
    expect(finiteRange(Float32Array.from([NaN, Infinity]))).toBeNull();
    expect(Array.from(spectrogramRgba({ values: Float32Array.from([NaN]), frames: 1, mels: 1 }))).toEqual([
      0, 0, 0, 0,
    ]);
    expect(() => spectrogramRgba({ values: new Float32Array(5), frames: 3, mels: 2 })).toThrow(
      /5 values, expected frames × mels = 3 × 2/,
    );
  });

  it('uses viridis by default: dark for quiet, yellow for loud', () => {
    const px = spectrogramRgba({ values: Float32Array.from([0, 1]), frames: 2, mels: 1 });
    // viridis(0) = #440154, viridis(1) = #fde725.
    expect(Array.from(px.subarray(0, 3))).toEqual([0x44, 0x01, 0x54]);
    expect(Array.from(px.subarray(4, 7))).toEqual([0xfd, 0xe7, 0x25]);
  });
});
