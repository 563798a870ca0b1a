/**
 * Child process of fusedSteps.test.ts (Dawn needs LD_LIBRARY_PATH at start-up): trains each framework's
 * model 20 steps on the webgpu backend (Dawn + SwiftShader) with the fused step paths off, then on, and
 * prints one JSON line per case with the largest weight difference; plus FusedAdam against
 * tf.train.adam on fixed gradients, saved and restored halfway as a resumed run does.
 *
 *   npx tsx test/e2e/fusedStepsNode.ts [--frameworks coordinated,joint] [--steps 20]
 */
import { parseArgs } from 'node:util';
import '../../src/cli/nodeBackends';
import { tf } from '../../src/core/tf';
import { resolveConfig } from '../../src/core/experiment/config';
import { builtInDataset } from '../../src/core/data/datasets';
import { Trainer } from '../../src/training/trainer';
import { gpuFusion } from '../../src/core/gpu/gpuFusion';
import { FusedAdam } from '../../src/core/gpu/fusedAdam';
import { installNodeWebGpu } from '../../bench/node/webgpuNode';
import { GPU_WORK_MODELS } from '../../bench/node/gpuWorkModels';

export interface FusedStepsLine {
  name: string;
  /** Largest |fused − plain| over every weight (and for Adam, every moment) after the steps. */
  maxDiff: number;
  /** Largest |weight| (the scale maxDiff is read against). */
  maxAbs: number;
  losses?: [number, number];
  /** Tensors alive after the fused run beyond those before it (a leak if above 0). */
  leaked?: number;
  error?: string;
}

const { values } = parseArgs({
  options: {
    frameworks: { type: 'string', default: 'coordinated,joint,correlation,encdec' },
    steps: { type: 'string', default: '20' },
  },
});
const STEPS = Number(values.steps);

async function weightsAfter(framework: string, fused: boolean) {
  gpuFusion.enabled = fused;
  const { config, errors } = resolveConfig({ framework, ...GPU_WORK_MODELS[framework] });
  if (errors.length) throw new Error(errors.join('; '));
  const before = tf.memory().numTensors;
  const trainer = new Trainer(config, builtInDataset(config));
  let loss = NaN;
  for (let done = 0; done < STEPS; done += 5) loss = (await trainer.train(Math.min(5, STEPS - done))).loss;
  const weights = await Promise.all(trainer.model.params.variables.map((v) => v.data()));
  trainer.dispose();
  return { weights, loss, leaked: tf.memory().numTensors - before };
}

function compare(a: ArrayLike<number>[], b: ArrayLike<number>[]) {
  let maxDiff = 0;
  let maxAbs = 0;
  a.forEach((x, i) => {
    for (let k = 0; k < x.length; k++) {
      maxDiff = Math.max(maxDiff, Math.abs(x[k] - b[i][k]));
      maxAbs = Math.max(maxAbs, Math.abs(x[k]));
    }
  });
  return { maxDiff, maxAbs };
}

/** Adam on two variables with seeded gradients: tf.train.adam against FusedAdam saved and restored halfway. */
async function adamAgainstTfjs(): Promise<FusedStepsLine> {
  gpuFusion.enabled = true;
  const shapes = [[300, 70], [70]];
  const init = shapes.map((s, i) => tf.randomUniform(s, -1, 1, 'float32', 7 + i));
  const grads = Array.from({ length: STEPS }, (_, t) =>
    shapes.map((s, i) => tf.randomNormal(s, 0, 1 + t, 'float32', 100 * t + i)),
  );
  const run = async (make: () => tf.Optimizer, resumeAt?: number) => {
    const vars = init.map((t, i) => tf.variable(t.clone(), true, `adam_case_${i}_${Math.random()}`));
    let opt = make();
    for (let t = 0; t < STEPS; t++) {
      if (t === resumeAt) {
        // As resumeState.ts does: weights out through tf.io, into a new optimizer.
        const named = await opt.getWeights();
        const { data, specs } = await tf.io.encodeWeights(named);
        tf.dispose(named.filter((w) => w.name === 'iter').map((w) => w.tensor));
        opt.dispose();
        opt = make();
        const decoded = tf.io.decodeWeights(data, specs);
        await opt.setWeights(specs.map((s) => ({ name: s.name, tensor: decoded[s.name] })));
        tf.dispose(Object.values(decoded));
      }
      opt.applyGradients(vars.map((v, i) => ({ name: v.name, tensor: grads[t][i] })));
    }
    const out = [...(await Promise.all(vars.map((v) => v.data())))];
    const moments = await opt.getWeights();
    out.push(...(await Promise.all(moments.slice(1).map((w) => w.tensor.data()))));
    tf.dispose(moments[0].tensor);
    opt.dispose();
    tf.dispose(vars);
    return out;
  };
  const plain = await run(() => tf.train.adam(0.01));
  const fused = await run(() => new FusedAdam(0.01), Math.floor(STEPS / 2));
  tf.dispose([...init, ...grads.flat()]);
  return { name: 'adam', ...compare(fused, plain) };
}

const problem = await installNodeWebGpu();
if (!problem) {
  await import('@tensorflow/tfjs-backend-webgpu');
  tf.env().set('PROD', true);
}
if (problem || !(await tf.setBackend('webgpu'))) {
  console.log(
    JSON.stringify({ name: 'webgpu', maxDiff: NaN, maxAbs: NaN, error: problem ?? 'no webgpu backend' }),
  );
  process.exit(0);
}
await tf.ready();
const cases: (() => Promise<FusedStepsLine>)[] = [
  adamAgainstTfjs,
  ...values.frameworks.split(',').map((framework) => async (): Promise<FusedStepsLine> => {
    const plain = await weightsAfter(framework, false);
    const fused = await weightsAfter(framework, true);
    return {
      name: framework,
      ...compare(fused.weights, plain.weights),
      losses: [plain.loss, fused.loss],
      leaked: fused.leaked,
    };
  }),
];
for (const c of cases) {
  const line = await c().catch((e: unknown): FusedStepsLine => ({
    name: '?',
    maxDiff: NaN,
    maxAbs: NaN,
    error: String(e),
  }));
  console.log(JSON.stringify(line));
}
process.exit(0);
