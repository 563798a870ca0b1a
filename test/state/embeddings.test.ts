import { describe, expect, it } from 'vitest';
import { createEmbeddingsStore, looksLikeEmbeddings } from '../../src/state/embeddings';
import type { EmbeddingsSummary } from '../../src/training/embeddings/protocol';

const file = (path: string) => ({ path, data: new Uint8Array(0) });
/** A stand-in summary: the store passes it through untouched. */
const summary = (n: number) => ({ n }) as unknown as EmbeddingsSummary;

describe('the embeddings store', () => {
  it('tells embedding files from image–caption pairs', () => {
    expect(looksLikeEmbeddings([file('image.npy'), file('text.npy')])).toBe(true);
    expect(looksLikeEmbeddings([file('run/vectors.tsv'), file('run/metadata.tsv')])).toBe(true);
    expect(looksLikeEmbeddings([file('a.png'), file('metadata.csv')])).toBe(false);
    expect(looksLikeEmbeddings([file('metadata.tsv')])).toBe(false);
    expect(looksLikeEmbeddings([file('pairs.zip')])).toBe(false);
  });

  it('shows the stages, then the summary; a later load supersedes an earlier one still running', async () => {
    const pending: ((s: EmbeddingsSummary) => void)[] = [];
    const e = createEmbeddingsStore((files, onStage) => {
      onStage(`reading ${files.length}`);
      return new Promise((resolve) => pending.push(resolve));
    });
    const first = e.load([file('old/image.npy'), file('old/text.npy')]);
    expect(e.state.getState()).toMatchObject({
      status: 'loading',
      files: ['image.npy', 'text.npy'],
      stage: 'reading 2',
    });
    const second = e.load([file('vectors.tsv')]);
    pending[1](summary(2));
    await second;
    pending[0](summary(1));
    await first;
    expect(e.state.getState()).toMatchObject({ status: 'ready', files: ['vectors.tsv'], summary: { n: 2 } });
    e.selectPair(3);
    expect(e.state.getState().selected).toBe(3);
    e.close();
    expect(e.state.getState()).toMatchObject({ status: 'idle', summary: null, selected: null });
  });

  it('keeps the reason a load failed', async () => {
    const e = createEmbeddingsStore(() =>
      Promise.reject(new Error('image.npy has 2 rows but text.npy has 3')),
    );
    await e.load([file('image.npy'), file('text.npy')]);
    expect(e.state.getState()).toMatchObject({
      status: 'error',
      error: 'image.npy has 2 rows but text.npy has 3',
    });
  });
});
