/**
 * What an evaluation of k evaluation pairs costs on a 20,000-pair import, in CPU ms of this process (so a
 * busy machine changes it little): the embedding (linear in k), the gap metrics (retrieval compares every
 * pair with every other: k²) and Trainer.evaluate as a whole, for k = 200 (a 1,000-pair import's whole
 * set), 256 (the sample, evalSample.ts) and up to all 4,000 (a full evaluation, fullEvalBudget.ts).
 *
 *   PROBE_N=20000 npx vitest run --config bench/scale/probe.config.ts bench/scale/fullEval.probe.ts
 */
import { readFileSync } from 'node:fs';
import { it } from 'vitest';
import { useNodeBackend } from '../../src/cli/nodeBackends';
import { nodeImageDecoder } from '../../src/cli/nodeImageDecoder';
import { decodeItems, parseImport, toDataset } from '../../src/core/data/import';
import { defaultConfig } from '../../src/core/experiment/config';
import { Trainer } from '../../src/training/trainer';
import { embedSet } from '../../src/training/embedSet';
import { computeGapMetrics } from '../../src/core/metrics/gapMetrics';
import { headOf } from '../../src/training/evalSample';
import { pairsZip } from './pairsZip';

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

it('evaluation cost by pairs evaluated', async () => {
  await useNodeBackend('wasm');
  const n = Number(process.env.PROBE_N ?? 20000);
  const parsed = parseImport([{ path: `p.zip`, bytes: new Uint8Array(readFileSync(pairsZip(n))) }]);
  const pairs = await decodeItems(parsed, nodeImageDecoder);
  const config = { ...defaultConfig(), dataset: 'imported' as const };
  const dataset = toDataset(pairs, { seed: config.seed, evalFraction: config.evalShare, name: 'p' });
  const trainer = new Trainer(config, dataset);
  await trainer.train(20);
  for (const size of [200, 256, 1000, 4000].filter((s) => s <= trainer.evalData.set.size)) {
    const data = headOf(trainer.evalData, size);
    let c0 = cpuMs();
    const e = await embedSet(trainer.model, data, trainer.seqLength);
    const embed = cpuMs() - c0;
    c0 = cpuMs();
    computeGapMetrics(e.image, e.text, e.dim, data.set.keys, data.set.heldOut);
    const metrics = cpuMs() - c0;
    c0 = cpuMs();
    await trainer.evaluate(size);
    const all = cpuMs() - c0;
    console.log(
      JSON.stringify({
        size,
        embedMs: Math.round(embed),
        metricsMs: Math.round(metrics),
        evaluateMs: Math.round(all),
      }),
    );
  }
});
