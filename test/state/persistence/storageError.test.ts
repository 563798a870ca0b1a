import { describe, expect, it } from 'vitest';
import { StorageError, toStorageError } from '../../../src/state/persistence/storageError';
import { database } from '../../../src/state/persistence/db';
import { importName } from '../../../src/state/persistence/dataLibrary';

describe('storage errors in words', () => {
  it('recognises a full quota, thrown directly or as a transaction’s abort reason', () => {
    const direct = toStorageError(new DOMException('exceeded', 'QuotaExceededError'), 'save the dataset');
    const aborted = toStorageError(
      { name: 'AbortError', target: { error: { name: 'QuotaExceededError' } } },
      'save the dataset',
    );
    for (const e of [direct, aborted]) {
      expect(e.problem).toBe('quota');
      expect(e.message).toMatch(/storage for the Playground is full/);
      expect(e.message).toContain('Everything saved before is still there.');
    }
  });

  it('tells an unavailable database (private mode, blocked storage) from other failures', () => {
    expect(toStorageError(new DOMException('no', 'InvalidStateError'), 'x').problem).toBe('unavailable');
    expect(toStorageError(new DOMException('no', 'SecurityError'), 'x').problem).toBe('unavailable');
    const other = toStorageError(new Error('disk on fire'), 'save the weights');
    expect(other.problem).toBe('other');
    expect(other.message).toBe(
      'Could not save the weights: disk on fire. Everything saved before is still there.',
    );
    const passed = new StorageError('missing', 'gone');
    expect(toStorageError(passed, 'x')).toBe(passed);
  });

  it('rejects with the unavailable message where there is no IndexedDB at all', async () => {
    expect(typeof indexedDB).toBe('undefined');
    await expect(database()).rejects.toMatchObject({ problem: 'unavailable' });
  });
});

describe('importName', () => {
  it('names an import by its folder or archive, else by its first file', () => {
    const f = (path: string) => ({ path, data: new Uint8Array(0) });
    expect(importName([f('pets/a.png'), f('pets/b/c.png')])).toBe('pets');
    expect(importName([f('photos.zip')])).toBe('photos');
    expect(importName([f('a.png'), f('b.png'), f('c.png')])).toBe('3 files');
  });
});
