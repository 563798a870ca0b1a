import { describe, expect, it } from 'vitest';
import { faultOf } from '../../src/training/deviceFaults';

describe('faultOf', () => {
  it("calls a lost device or exhausted memory the backend's, anything else the run's own", () => {
    expect(faultOf(new RangeError('Array buffer allocation failed'))).toBe('backend');
    expect(faultOf(new Error('WebAssembly.Memory.grow(): Maximum memory size exceeded'))).toBe('backend');
    expect(faultOf(new DOMException('Device is lost', 'OperationError'))).toBe('backend');
    expect(faultOf('CONTEXT_LOST_WEBGL')).toBe('backend');
    expect(
      faultOf(new Error('The model cannot train on WebAssembly: conv2d has no gradient there')),
    ).toBeUndefined();
    expect(faultOf(new Error('Loss diverged'))).toBeUndefined();
  });
});
