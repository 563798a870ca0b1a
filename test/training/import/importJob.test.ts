/**
 * The import worker's job and the UI-side client, wired together in one thread through a stand-in
 * worker: the protocol, progress, cancel, the SVG round trip and transfers, without a browser.
 */
import { describe, expect, it } from 'vitest';
import { zipSync } from 'fflate';
import { IMAGE_LENGTH } from '../../../src/core/data/pairs';
import type { DecodedImage, ImageDecoder } from '../../../src/core/data/import';
import { runImportJob } from '../../../src/training/import/importJob';
import { ImportClient, type WorkerLike } from '../../../src/training/import/importClient';
import type { ImportRequest, ImportResponse } from '../../../src/training/import/protocol';
import { SVG, makePng, text } from '../../core/data/import/fixtures';
import { createSoundDecoder, type PageDecodedSound } from '../../../src/core/audio/decodeWav';

/** A worker stand-in that runs jobs in this thread, with a decoder that asks the client for SVGs. */
function fakeWorker(decodeRaster: ImageDecoder['decode']): WorkerLike & { posted: ImportResponse[] } {
  let listener: ((e: MessageEvent<ImportResponse>) => void) | undefined;
  const cancelled = new Set<number>();
  const waiting = new Map<number, (r: DecodedImage | { error: string }) => void>();
  const posted: ImportResponse[] = [];
  const post = (message: ImportResponse) => {
    posted.push(message);
    queueMicrotask(() => listener?.({ data: message } as MessageEvent<ImportResponse>));
  };
  let svgId = 0;
  const soundWaiting = new Map<number, (r: PageDecodedSound | { error: string }) => void>();
  let soundId = 0;
  return {
    posted,
    addEventListener: (_type, l) => (listener = l),
    terminate: () => {},
    postMessage(message: ImportRequest) {
      if (message.type === 'cancel') cancelled.add(message.id);
      else if (message.type === 'svg-decoded') waiting.get(message.requestId)?.(message.result);
      else if (message.type === 'sound-decoded') soundWaiting.get(message.requestId)?.(message.result);
      else {
        const id = message.id;
        const decoder: ImageDecoder = {
          decode: (bytes, mime, options) =>
            mime !== 'image/svg+xml'
              ? decodeRaster(bytes, mime, options)
              : new Promise((resolve, reject) => {
                  const requestId = svgId++;
                  waiting.set(requestId, (r) => ('error' in r ? reject(new Error(r.error)) : resolve(r)));
                  post({ type: 'decode-svg', id, requestId, bytes, thumbnail: options?.thumbnail === true });
                }),
        };
        const soundDecoder = createSoundDecoder(
          (bytes) =>
            new Promise((resolve, reject) => {
              const requestId = soundId++;
              soundWaiting.set(requestId, (r) => ('error' in r ? reject(new Error(r.error)) : resolve(r)));
              post({ type: 'decode-sound', id, requestId, bytes });
            }),
        );
        void runImportJob(message, {
          post,
          decoder,
          soundDecoder,
          signal: {
            get aborted() {
              return cancelled.has(id);
            },
          },
        });
      }
    },
  };
}

const grey: ImageDecoder['decode'] = () =>
  Promise.resolve({ pixels: new Float32Array(IMAGE_LENGTH).fill(0.5) });

describe('import worker protocol', () => {
  it('reads Blobs and bytes, reports progress, asks the page to draw SVGs, and returns pairs', async () => {
    const worker = fakeWorker(grey);
    const svgAsked: number[] = [];
    const client = new ImportClient(worker, (bytes) => {
      svgAsked.push(bytes.length);
      return Promise.resolve({ pixels: new Float32Array(IMAGE_LENGTH).fill(1) });
    });
    const progress: string[] = [];
    const job = client.start(
      [
        { path: 'set/red_circle.png', data: new Blob([makePng(2, 2) as Uint8Array<ArrayBuffer>]) },
        { path: 'set/logo.svg', data: SVG },
        { path: 'set/broken.png', data: text('nope') },
      ],
      { onProgress: (p) => progress.push(`${p.phase} ${p.done}/${p.total}`) },
    );
    const outcome = await job.result;
    expect(outcome.status).toBe('done');
    if (outcome.status !== 'done') return;
    expect(outcome.pairs.paths).toEqual(['set/logo.svg', 'set/red_circle.png']);
    expect(outcome.pairs.captions).toEqual([['logo'], ['red circle']]);
    // Bytes: 1 -> 255, 0.5 -> 127.5 rounded to 128.
    expect(outcome.pairs.images[0]).toBe(255);
    expect(outcome.pairs.images[IMAGE_LENGTH]).toBe(128);
    expect(outcome.pairs.rejected.map((r) => [r.path, r.reason])).toEqual([
      ['set/broken.png', 'unsupported-type'],
    ]);
    expect(svgAsked).toEqual([SVG.length]);
    expect(progress).toContain('reading 3/3');
    expect(progress).toContain('checking 3/3');
    expect(progress).toContain('decoding 2/2');
  });

  it('counts an archive through every phase: its bytes as it is unpacked, then its files as they are checked', async () => {
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i < 40; i++)
      files[`img/red circle ${String(i).padStart(2, '0')}.png`] = makePng(2 + i, 2);
    const zip = zipSync(files, { level: 0 });
    const client = new ImportClient(fakeWorker(grey));
    const progress: string[] = [];
    const job = client.start([{ path: 'pairs.zip', data: zip }], {
      onProgress: (p) => progress.push(`${p.phase} ${p.done}/${p.total}`),
    });
    const outcome = await job.result;
    expect(outcome.status === 'done' && outcome.pairs.size).toBe(40);
    const phases = [...new Set(progress.map((p) => p.split(' ')[0]))];
    expect(phases).toEqual(['reading', 'unpacking', 'checking', 'decoding']);
    expect(progress).toContain(`unpacking ${zip.length}/${zip.length}`);
    expect(progress).toContain('checking 40/40');
    expect(progress).toContain('decoding 40/40');
  });

  it('counts a large file’s bytes as it is read, then its files', async () => {
    const client = new ImportClient(fakeWorker(grey));
    const progress: string[] = [];
    const big = new Blob([new Uint8Array(4_000_000).fill(7)]);
    const outcome = await client.start([{ path: 'set/big.bin', data: big }], {
      onProgress: (p) => progress.push(`${p.phase} ${p.done}/${p.total}`),
    }).result;
    expect(progress[0].startsWith('loading ')).toBe(true);
    expect(progress).toContain('loading 4000000/4000000');
    expect(progress).toContain('reading 1/1');
    // The 4 MB of 7s are read whole, then refused by name as no picture.
    expect(outcome.status === 'done' && outcome.pairs.rejected[0]?.path).toBe('set/big.bin');
  });

  it('packs the pixels, captions and paths in Blobs when asked', async () => {
    const worker = fakeWorker(grey);
    const client = new ImportClient(worker);
    const files = ['b', 'a'].map((name, i) => ({
      path: `set/${name} square.png`,
      data: makePng(2, 2, () => [i, 0, 0, 255]),
    }));
    const outcome = await client.start(files, { pack: true }).result;
    if (outcome.status !== 'done') throw new Error(outcome.status);
    const { images, captions, paths, size, summary } = outcome.pairs;
    expect(size).toBe(2);
    expect(summary.captions).toBe(2);
    expect(images.size).toBe(2 * IMAGE_LENGTH);
    // 0.5 -> 128 in every byte of both images.
    expect(new Uint8Array(await images.arrayBuffer())).toEqual(new Uint8Array(2 * IMAGE_LENGTH).fill(128));
    expect(JSON.parse(await captions.text())).toEqual([['a square'], ['b square']]);
    expect(paths instanceof Blob && JSON.parse(await paths.text())).toEqual([
      'set/a square.png',
      'set/b square.png',
    ]);
  });

  it('reports an SVG the page could not draw as undecodable', async () => {
    const client = new ImportClient(fakeWorker(grey), () => Promise.reject(new Error('bad svg')));
    const outcome = await client.start([{ path: 'a.svg', data: SVG }]).result;
    expect(outcome.status === 'done' && outcome.pairs.rejected[0]).toMatchObject({
      path: 'a.svg',
      reason: 'undecodable',
      detail: 'could not be decoded (bad svg)',
    });
  });

  it('cancels between images', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const slow: ImageDecoder['decode'] = async () => {
      await gate;
      return { pixels: new Float32Array(IMAGE_LENGTH) };
    };
    const client = new ImportClient(fakeWorker(slow));
    const files = Array.from({ length: 5 }, (_, i) => ({
      path: `p${i}.png`,
      data: makePng(2, 2, () => [i, 0, 0, 255]),
    }));
    const job = client.start(files);
    await new Promise((r) => setTimeout(r, 10));
    job.cancel();
    release();
    expect(await job.result).toEqual({ status: 'cancelled' });
  });
});

describe('sounds the worker cannot parse', () => {
  const files = (sound: string) => [
    {
      path: 'set/metadata.jsonl',
      data: text(
        [
          JSON.stringify({ file_name: 'a.png', text: 'a', audio_file_name: sound }),
          JSON.stringify({ file_name: 'b.png', text: 'b', audio_file_name: sound }),
        ].join('\n'),
      ),
    },
    { path: 'set/a.png', data: makePng(2, 2, () => [1, 0, 0, 255]) },
    { path: 'set/b.png', data: makePng(2, 2, () => [2, 0, 0, 255]) },
    { path: `set/${sound}`, data: Uint8Array.from([0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, 0]) },
  ];

  it('asks the page to decode a sound that is not WAV and keeps the 16 kHz wave it returns', async () => {
    const asked: number[] = [];
    const client = new ImportClient(fakeWorker(grey), undefined, (bytes) => {
      asked.push(bytes.length);
      return Promise.resolve({ wave: new Float32Array(1600).fill(0.25), seconds: 0.1, sourceRate: 0 });
    });
    const outcome = await client.start(files('both.mp3')).result;
    expect(asked).toEqual([10, 10]);
    if (outcome.status !== 'done') throw new Error(outcome.status);
    expect(outcome.pairs.sounds?.map((s) => s?.length)).toEqual([1600, 1600]);
    // 0.25 stored as 16-bit: round(0.25 * 32767) = 8192.
    expect(outcome.pairs.sounds?.[0]?.[0]).toBe(8192);
  });

  it('reports a sound the page cannot decode, and a silent one, by name with the image left out', async () => {
    const failing = new ImportClient(fakeWorker(grey), undefined, () =>
      Promise.reject(new Error('EncodingError: Unable to decode audio data')),
    );
    const outcome = await failing.start(files('bad.ogg')).result;
    if (outcome.status !== 'done') throw new Error(outcome.status);
    expect(outcome.pairs.size).toBe(0);
    expect(outcome.pairs.rejected[0]).toMatchObject({
      path: 'set/bad.ogg',
      reason: 'undecodable',
      detail:
        "could not be decoded by the browser (EncodingError: Unable to decode audio data); its image 'set/a.png' is left out with it",
    });
    const silent = new ImportClient(fakeWorker(grey), undefined, () =>
      Promise.resolve({ wave: new Float32Array(1600), seconds: 0.1, sourceRate: 0 }),
    );
    const quiet = await silent.start(files('quiet.flac')).result;
    expect(quiet.status === 'done' && quiet.pairs.rejected.map((r) => r.reason)).toEqual([
      'silent-audio',
      'silent-audio',
    ]);
  });
});
