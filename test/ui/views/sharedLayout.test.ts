import { describe, expect, it } from 'vitest';
import { continuesLayout, type LayoutKey } from '../../../src/ui/views/useSharedLayout';

const key: LayoutKey = { runId: 3, method: 'umap', n: 512, codes: 'image-text', blocks: 'image,text' };

describe('shared-space layout', () => {
  it('refreshes warm only from a layout of the same run, method, size and codes', () => {
    expect(continuesLayout(key, { ...key })).toBe(true);
    expect(continuesLayout(null, key)).toBe(false);
    // Another run with the same data and settings: its points are not this run's.
    expect(continuesLayout(key, { ...key, runId: 4 })).toBe(false);
    expect(continuesLayout(key, { ...key, method: 'pca' })).toBe(false);
    expect(continuesLayout(key, { ...key, n: 256 })).toBe(false);
    expect(continuesLayout(key, { ...key, codes: 'image-fused' })).toBe(false);
    // Sound joining the modalities: another set of points, not a refresh of the old ones.
    expect(continuesLayout(key, { ...key, blocks: 'image,text,audio' })).toBe(false);
  });
});
