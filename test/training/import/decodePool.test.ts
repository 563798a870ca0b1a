/**
 * The pool of decoding helpers with stand-in workers: pictures go to the helper with the fewest in
 * flight, SVGs to the import worker's own decoder, failures keep their kind, and a helper that fails
 * hands its pictures back.
 */
import { describe, expect, it } from 'vitest';
import { UnsupportedImageError, type ImageDecoder } from '../../../src/core/data/import';
import { IMAGE_LENGTH } from '../../../src/core/data/pairs';
import {
  createDecodePool,
  helperCount,
  type DecodeAnswer,
  type DecodeRequest,
  type HelperLike,
} from '../../../src/training/import/decodePool';

/** A helper that keeps what it is sent until told to answer. */
function helper() {
  const received: DecodeRequest[] = [];
  let onMessage: (e: MessageEvent<DecodeAnswer>) => void = () => {};
  let onError: (e: Event) => void = () => {};
  const stand: HelperLike & {
    received: DecodeRequest[];
    answer: (a: DecodeAnswer) => void;
    fail: () => void;
    ended: boolean;
  } = {
    received,
    ended: false,
    postMessage: (m) => received.push(m),
    addEventListener(type: 'message' | 'error', l: (e: MessageEvent<DecodeAnswer>) => void) {
      if (type === 'message') onMessage = l;
      else onError = l as (e: Event) => void;
    },
    terminate: () => (stand.ended = true),
    answer: (a) => onMessage({ data: a } as MessageEvent<DecodeAnswer>),
    fail: () => onError(new Event('error')),
  };
  return stand;
}

const filled = (v: number) => ({ pixels: new Float32Array(IMAGE_LENGTH).fill(v) });
const local: ImageDecoder = { decode: (bytes) => Promise.resolve(filled(bytes[0] / 10)) };

describe('the decoding pool', () => {
  it('sends each picture to the helper with the fewest in flight, a copy of its bytes', async () => {
    const [a, b] = [helper(), helper()];
    const pool = createDecodePool([a, b], local);
    const whole = Uint8Array.from([1, 2, 3, 4]);
    const first = pool.decode(whole.subarray(0, 2), 'image/png');
    const second = pool.decode(whole.subarray(2), 'image/png');
    const third = pool.decode(Uint8Array.from([9]), 'image/png');
    // a, b, then a again (both had one in flight: the first of them wins).
    expect([a.received.length, b.received.length]).toEqual([2, 1]);
    expect(Array.from(a.received[0].bytes)).toEqual([1, 2]);
    expect(a.received[0].bytes.buffer.byteLength).toBe(2); // its own buffer, not the archive's
    b.answer({ requestId: b.received[0].requestId, result: filled(0.5) });
    a.answer({ requestId: a.received[0].requestId, result: filled(0.25) });
    expect((await first).pixels[0]).toBe(0.25);
    expect((await second).pixels[0]).toBe(0.5);
    // b is free now: the next picture goes there.
    void pool.decode(Uint8Array.from([7]), 'image/gif');
    expect(b.received.map((r) => r.mime)).toEqual(['image/png', 'image/gif']);
    a.answer({ requestId: a.received[1].requestId, error: 'bad', unsupported: false });
    await expect(third).rejects.toThrow('bad');
  });

  it('decodes SVGs itself and keeps an unsupported picture’s kind', async () => {
    const h = helper();
    const pool = createDecodePool([h], local);
    expect((await pool.decode(Uint8Array.from([3]), 'image/svg+xml')).pixels[0]).toBeCloseTo(0.3);
    expect(h.received).toEqual([]);
    const p = pool.decode(Uint8Array.from([1]), 'image/bmp');
    h.answer({ requestId: h.received[0].requestId, error: 'no BMP here', unsupported: true });
    await expect(p).rejects.toBeInstanceOf(UnsupportedImageError);
  });

  it('decodes a failed helper’s pictures itself, and everything once no helper is left', async () => {
    const h = helper();
    const pool = createDecodePool([h], local);
    const p = pool.decode(Uint8Array.from([4]), 'image/png');
    h.fail();
    expect(h.ended).toBe(true);
    expect((await p).pixels[0]).toBeCloseTo(0.4);
    expect((await pool.decode(Uint8Array.from([6]), 'image/png')).pixels[0]).toBeCloseTo(0.6);
    expect(h.received).toHaveLength(1);
  });

  it('has one helper per core but one, four at most, and none under four cores', () => {
    expect([undefined, 1, 2, 3, 4, 5, 16].map(helperCount)).toEqual([0, 0, 0, 0, 3, 4, 4]);
  });
});
