import { describe, expect, it } from 'vitest';
import { CONFIG_SPEC, defaultConfig } from '../../../src/core/experiment/config';
import { applies } from '../../../src/core/experiment/paramSpec';
import { decodeHash, encodeHash } from '../../../src/core/experiment/urlCodec';
import { parseFlags } from '../../../src/cli/flags';

describe('the evaluation share of imported data', () => {
  it('is a setting shown only for imported data', () => {
    const spec = CONFIG_SPEC.evalShare;
    expect(applies(spec, { dataset: 'imported' })).toBe(true);
    expect(applies(spec, { dataset: 'shapes' })).toBe(false);
    expect(applies(spec, { dataset: 'emoji' })).toBe(false);
    expect(defaultConfig().evalShare).toBe(0.2);
  });

  it('travels in the link and reaches the runner', () => {
    const config = { ...defaultConfig(), dataset: 'imported' as const, evalShare: 0.5 };
    const hash = encodeHash(config);
    expect(hash).toContain('evalShare=0.5');
    expect(decodeHash(hash).config.evalShare).toBe(0.5);
    expect(parseFlags(['--eval-share', '0.4']).config.evalShare).toBe(0.4);
    expect(() => parseFlags(['--eval-share', '0.95'])).toThrow(/evalShare must be between 0.05 and 0.8/);
  });
});
