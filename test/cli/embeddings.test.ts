import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import type { EmbeddingsResult } from '../../src/cli/runEmbeddings';
import { projectorFiles } from '../../src/core/export/projector';
import { encodeNpy } from '../../src/core/embeddings/npy';

// The runner as a user starts it (`npx tsx src/cli/experiment.ts`), through the local tsx binary.
const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx');
const RUNNER = join(process.cwd(), 'src', 'cli', 'experiment.ts');

function runner(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(TSX, [RUNNER, ...args], { timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), 'embeddings-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Images (1,0), (0,1); captions (0.6,0.8), (0.8,0.6): gap √0.08, pair cosine 0.6 (see pairMetrics.test.ts).
const files = projectorFiles({
  dim: 2,
  image: Float32Array.from([1, 0, 0, 1]),
  text: Float32Array.from([0.6, 0.8, 0.8, 0.6]),
  captions: ['a red circle', 'a blue square'],
  keys: ['red circle', 'blue square'],
});
const projector = join(dir, 'projector');
mkdirSync(projector);
for (const [name, bytes] of Object.entries(files)) writeFileSync(join(projector, name), bytes);

describe('npm run experiment -- --embeddings', () => {
  it("measures the playground's Projector files without training, with the shift experiment", async () => {
    const { code, stdout, stderr } = await runner(['--embeddings', projector, '--shift', '0,1']);
    expect(code).toBe(0);
    expect(stderr).toContain('2 pairs: image 2-d, caption 2-d');
    expect(stderr).toContain('nothing trained');
    const result = JSON.parse(stdout) as EmbeddingsResult;
    expect(result.trained).toBe(false);
    expect(result.data.files).toEqual(['vectors.tsv', 'metadata.tsv']);
    expect(result.final.gap).toBeCloseTo(Math.sqrt(0.08), 6);
    expect(result.final.pairCosine).toBeCloseTo(0.6, 6);
    expect(result.final.embeddings.keys).toBe('key');
    expect(result.final.seen.i2t.medianRank).toBe(2);
    expect(result.shift?.points.map((p) => p.fraction)).toEqual([0, 1]);
    expect(result.shift?.points[1].gap).toBeCloseTo(Math.SQRT2 * Math.abs(0.7 / Math.sqrt(1.48) - 0.7), 6);
  });

  it('reads a zip of two .npy files of different widths, and says which measures need a shared space', async () => {
    const zip = join(dir, 'clip.zip');
    const a = Float32Array.from([1, 0, 0.6, 0.8, 0, 1, -0.8, 0.6, -1, 0, 0.28, -0.96]);
    const b = new Float32Array(18);
    for (let i = 0; i < 6; i++) b.set([a[2 * i], a[2 * i + 1], 0], 3 * i);
    writeFileSync(zip, zipSync({ 'image.npy': encodeNpy(a, 6, 2), 'text.npy': encodeNpy(b, 6, 3) }));
    const out = join(dir, 'clip.json');
    const { code, stdout, stderr } = await runner(['--embeddings', zip, '--out', out, '--quiet']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const result = JSON.parse(stdout) as EmbeddingsResult;
    expect(result.final.gap).toBeNull();
    expect(result.final.unavailable?.gap).toBe('needs a shared space, but image is 2-d and text 3-d');
    expect(result.final.cka).toBeCloseTo(1, 6);
  });

  it('refuses flags that do not go together, and bad files, with the reason', async () => {
    const shiftAlone = await runner(['--shift', '0,1']);
    expect(shiftAlone.code).toBe(2);
    expect(shiftAlone.stderr).toContain(
      '--shift moves precomputed embeddings: give it with --embeddings PATH',
    );
    const withTraining = await runner(['--embeddings', projector, '--steps', '10']);
    expect(withTraining.code).toBe(2);
    expect(withTraining.stderr).toContain(
      '--embeddings measures files and trains nothing: leave out --steps',
    );
    const bad = join(dir, 'bad');
    mkdirSync(bad);
    writeFileSync(join(bad, 'image.tsv'), '1\t0\n0\t1\n');
    writeFileSync(join(bad, 'text.tsv'), '1\t0\n');
    const mismatch = await runner(['--embeddings', bad]);
    expect(mismatch.code).toBe(1);
    expect(mismatch.stderr).toContain(
      'image.tsv has 2 rows but text.tsv has 1: row i of each must be item i.',
    );
  });
});
