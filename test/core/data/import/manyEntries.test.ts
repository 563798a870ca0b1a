/**
 * An archive of 130,000 entries (the size of a 100,000-pair import with its captions): its entries and
 * rejections are gathered without overflowing the call stack (spreading 130,000 values into push() does).
 */
import { describe, expect, it } from 'vitest';
import { zipSync } from 'fflate';
import { parseImport } from '../../../../src/core/data/import';

describe('an archive with more entries than a call takes arguments', () => {
  it('gathers all 130,000 and rejects each non-picture by name', () => {
    const entries: Record<string, Uint8Array> = {};
    const one = Uint8Array.from([1]);
    for (let i = 0; i < 130_000; i++) entries[`d/${i}.bin`] = one;
    const zip = zipSync(entries, { level: 0 });
    const parsed = parseImport([{ path: 'many.zip', bytes: zip }]);
    expect(parsed.items).toEqual([]);
    expect(parsed.rejected).toHaveLength(130_000);
    expect(parsed.rejected.find((r) => r.path === 'many.zip/d/129999.bin')).toBeDefined();
  }, 60_000);
});
