import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importChain, importGraph } from '../helpers/importGraph';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Packages and project files that belong in the workers only (the training engine and its kernels). */
function tfReached(entry: string): string[] {
  const graph = importGraph(ROOT, entry);
  const reached = [...graph.packages].filter((p) => p.startsWith('@tensorflow/'));
  if (graph.files.has('src/core/tf.ts')) reached.push('src/core/tf.ts');
  return reached.map((node) => importChain(graph, node));
}

describe("the page's chunk", () => {
  it('never imports TensorFlow.js: only the workers train', () => {
    // A failure names the import chain, e.g. `src/main.tsx > ... > src/core/tf.ts`: move the names the
    // page needs into a module without tensors (as `fusionNames.ts` and `encoderNames.ts` are).
    expect(tfReached('src/main.tsx')).toEqual([]);
  });

  it('is walked through the settings, the stores and the views', () => {
    const graph = importGraph(ROOT, 'src/main.tsx');
    for (const file of [
      'src/ui/App.tsx',
      'src/state/controller.ts',
      'src/core/experiment/jointParams.ts',
      'src/core/fusion/fusionNames.ts',
      'src/ui/frameworks/JointScores.tsx',
    ]) {
      expect(graph.files).toContain(file);
    }
    expect(graph.packages).toContain('react');
  });

  it('would see TensorFlow.js where it is imported: the training worker', () => {
    const chains = tfReached('src/training/worker.ts');
    const ends = chains.map((chain) => chain.split(' > ').at(-1));
    expect(ends).toEqual(expect.arrayContaining(['@tensorflow/tfjs-core', 'src/core/tf.ts']));
    expect(chains.every((chain) => chain.startsWith('src/training/worker.ts > '))).toBe(true);
  });
});
