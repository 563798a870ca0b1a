/**
 * A packed import (pixels, captions and paths in Blobs, as the import worker sends them) through the
 * data library: saved as it came, listed with the report's counts, sent to the training worker as the
 * same Blobs, and read back from storage as Blobs the worker unpacks to the same pairs.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createController } from '../../../src/state/controller';
import { createDataLibrary } from '../../../src/state/persistence/dataLibrary';
import { listDatasets, loadDataset } from '../../../src/state/persistence/datasets';
import { summarise } from '../../../src/core/data/import';
import { IMAGE_LENGTH } from '../../../src/core/data/pairs';
import { packColumns, unpackColumns } from '../../../src/training/import/packedPairs';
import type { ImportOutcome } from '../../../src/training/import/importClient';
import { FakeWorker } from '../fakeWorker';

describe('a packed import', () => {
  it('is saved, listed, sent and read back as Blobs that unpack to the imported pairs', async () => {
    const captions = [['a red circle', 'round and red'], ['a blue square'], ['a green star'], ['a dot']];
    const paths = ['set/0.png', 'set/1.png', 'set/2.png', 'set/3.png'];
    const images = Uint8Array.from({ length: 4 * IMAGE_LENGTH }, (_, i) => i % 251);
    const outcome: ImportOutcome = {
      status: 'done',
      pairs: {
        size: 4,
        ...packColumns({ images, captions, paths }),
        rejected: [],
        notDropped: [],
        summary: summarise(
          captions.map((c) => ({ captions: c })),
          [],
        ),
      },
      notes: [],
    };
    const worker = new FakeWorker();
    const controller = createController(
      { hash: '', href: 'http://localhost/app/', pathname: '/app/', search: '' },
      { replaceState: () => {} },
      { client: worker },
    );
    const library = createDataLibrary(controller, () => ({
      start: () => ({ result: Promise.resolve(outcome), cancel: () => {} }),
    }));
    await library.importFiles([{ path: 'set.zip', data: new Uint8Array([1]) }]);

    const [record] = await listDatasets();
    // 5 captions from the report; bytes: 4 x 3,072 = 12,288 of pixels and the two JSON texts.
    const packed = outcome.status === 'done' ? outcome.pairs : null;
    const textBytes = (packed!.captions as Blob).size + (packed!.paths as Blob).size;
    expect(record).toMatchObject({ name: 'set', images: 4, captions: 5, bytes: 12_288 + textBytes });
    const sent = worker.sent.filter((m) => m.type === 'init').at(-1);
    expect(sent?.type === 'init' && sent.data?.images).toBe(packed!.images);
    const stored = await loadDataset(record.id);
    expect(stored.data.images).toBeInstanceOf(Blob);
    const back = await unpackColumns(stored.data, stored.data.size);
    expect(back.images).toEqual(images);
    expect(back.captions).toEqual(captions);
    expect(back.paths).toEqual(paths);
  });
});
