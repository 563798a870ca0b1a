import { describe, expect, it } from 'vitest';
import { decodeHash, encodeHash } from '../../../src/core/experiment/urlCodec';
import {
  CONFIG_KEYS,
  CONFIG_SPEC,
  defaultConfig,
  type ExperimentConfig,
} from '../../../src/core/experiment/config';

describe('URL hash codec', () => {
  it('writes nothing for the defaults and reads the defaults from an empty hash', () => {
    expect(encodeHash(defaultConfig())).toBe('');
    expect(decodeHash('')).toEqual({ config: defaultConfig(), raw: {}, extras: {}, errors: [] });
    expect(decodeHash('#').errors).toEqual([]);
  });

  it('writes only what differs from the defaults', () => {
    const config = { ...defaultConfig(), lr: 0.005, loss: 'vsepp', margin: 0.3 } as ExperimentConfig;
    expect(encodeHash(config)).toBe('#loss=vsepp&lr=0.005&margin=0.3');
  });

  it('round-trips every setting at a non-default value', () => {
    const config = defaultConfig() as Record<string, unknown>;
    for (const key of CONFIG_KEYS) {
      const spec = CONFIG_SPEC[key];
      if (spec.kind === 'bool') config[key] = !spec.default;
      else if (spec.kind === 'enum')
        config[key] = spec.options.find((o) => o !== spec.default) ?? spec.default;
      else
        config[key] =
          spec.kind === 'int'
            ? Math.min(spec.max, spec.default + 1)
            : Math.min(spec.max, spec.default * 1.5 || spec.min);
    }
    // Framework and loss must belong together: pair the non-default framework with its own loss.
    const typed = config as ExperimentConfig;
    const decoded = decodeHash(encodeHash(typed));
    for (const key of CONFIG_KEYS) if (key !== 'loss') expect(decoded.config[key], key).toEqual(typed[key]);
  });

  it('carries extras such as the backend beside the config', () => {
    const hash = encodeHash({ ...defaultConfig(), seed: 4 }, { backend: 'webgl' });
    expect(hash).toBe('#seed=4&backend=webgl');
    expect(decodeHash(hash, ['backend'])).toEqual({
      config: { ...defaultConfig(), seed: 4 },
      raw: { seed: '4' },
      extras: { backend: 'webgl' },
      errors: [],
    });
  });

  it('falls back to defaults with a message for broken or hostile hashes, keeping the valid part', () => {
    const d = decodeHash('#lr=%3Cscript%3Ealert(1)%3C%2Fscript%3E&dim=99999&seed=3&evil=1&batch=12.5');
    expect(d.config.lr).toBe(defaultConfig().lr);
    expect(d.config.dim).toBe(defaultConfig().dim);
    expect(d.config.seed).toBe(3);
    expect(d.errors).toHaveLength(4);
    expect(d.errors.join('\n')).toMatch(/lr must be a number/);
    expect(d.errors.join('\n')).toMatch(/dim must be between 2 and 512, got 99999/);
    expect(d.errors.join('\n')).toMatch(/unknown setting "evil"/);
    expect(d.errors.join('\n')).toMatch(/batch|batchSize/);
  });

  it('rejects an absurdly long hash outright', () => {
    const d = decodeHash(`#seed=1&x=${'a'.repeat(5000)}`);
    expect(d.config).toEqual(defaultConfig());
    expect(d.errors[0]).toMatch(/too long/);
  });

  it('survives malformed percent-encoding and a __proto__ key', () => {
    const d = decodeHash('#seed=%E0%A4%A&__proto__=1&constructor=2');
    expect(d.config.seed).toBe(defaultConfig().seed);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(d.errors.length).toBeGreaterThanOrEqual(2);
  });
});
