/**
 * Child process of fusedSteps.test.ts (Dawn needs LD_LIBRARY_PATH at start-up): trains each framework's
 * model 20 steps on the webgpu backend (Dawn + SwiftShader), comparing every other step's gradients
 * with the fused step paths and without, and prints one JSON line per case with the largest
 * difference; plus FusedAdam against tf.train.adam on fixed gradients, saved and restored halfway as a
 * resumed run does, and the fused Newton–Schulz roots against newtonSchulzRoots.
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
import { restoreRng } from '../../src/core/random/rng';
import { GPU_WORK_MODELS } from '../../bench/node/gpuWorkModels';
import { newtonSchulzRoots } from '../../src/core/linalg/newtonSchulz';
import { newtonSchulzRootsForward } from '../../src/core/gpu/fusedNewtonSchulz';

export interface FusedStepsLine {
  name: string;
  /** Largest |fused − plain| over every gradient of a step (for Adam, every weight and moment). */
  maxDiff: number;
  /** Largest |weight| or |gradient| (the scale maxDiff is read against). */
  maxAbs: number;
  /** Largest |fused − plain| loss of a step, relative to max(1, |loss|). */
  lossDiff?: number;
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

/**
 * One trainer of the model on webgpu, trained 20 steps on the fused path; at every other step the
 * gradient of that step's loss (same weights, batch and loss randomness) is taken once with the fused
 * paths and once without, and compared. Gradients, not weights after Adam: Adam's m/(√v + 1e-7) turns
 * the last bits of a near-zero gradient into a step of up to lr (the bias of a projection whose true
 * gradient is 0, as Deep CCA's centred outputs give, walks by ±lr per step on any backend), so weights
 * after a step differ by up to 2·lr between any two float32 implementations; the update itself is
 * checked on fixed gradients by the Adam case.
 */
async function stepByStep(framework: string): Promise<FusedStepsLine> {
  const { config, errors } = resolveConfig({ framework, ...GPU_WORK_MODELS[framework] });
  if (errors.length) throw new Error(errors.join('; '));
  const before = tf.memory().numTensors;
  const trainer = new Trainer(config, builtInDataset(config));
  const variables = trainer.model.params.variables;
  let worst = { maxDiff: 0, maxAbs: 0 };
  let lossDiff = 0;
  for (let step = 0; step < STEPS; step++) {
    if (step % 2 === 0) {
      const position = trainer.position();
      // The batch's tensors are made inside the loss and released with it: a fresh batch each time.
      const gradients = async (fused: boolean) => {
        trainer.moveTo(position);
        const batch = trainer.nextBatch();
        gpuFusion.enabled = fused;
        const { value, grads } = tf.tidy(() =>
          tf.variableGrads(() => trainer.model.loss(batch, restoreRng(position.lossRng)), variables),
        );
        // A variable the loss does not reach (none in these models) compares as empty.
        const out = await Promise.all(variables.map((v) => grads[v.name]?.data() ?? new Float32Array(0)));
        const loss = (await value.data())[0];
        tf.dispose([value, ...Object.values(grads)]);
        return { out, loss };
      };
      const fused = await gradients(true);
      const plain = await gradients(false);
      trainer.moveTo(position);
      const d = compare(plain.out, fused.out);
      worst = { maxDiff: Math.max(worst.maxDiff, d.maxDiff), maxAbs: Math.max(worst.maxAbs, d.maxAbs) };
      lossDiff = Math.max(lossDiff, Math.abs(fused.loss - plain.loss) / Math.max(1, Math.abs(plain.loss)));
    }
    gpuFusion.enabled = true;
    await trainer.train(1);
  }
  trainer.dispose();
  return { name: framework, ...worst, lossDiff, leaked: tf.memory().numTensors - before };
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

/**
 * The one-dispatch Newton–Schulz roots against newtonSchulzRoots (tfjs kernels) on the same backend:
 * SPD matrices XᵀX + 0.01 I of widths 5, 32 (Deep CCA's default) and 70 (rows past the 256 threads).
 */
async function newtonSchulzCase(): Promise<FusedStepsLine> {
  gpuFusion.enabled = true;
  const fused: Float32Array[] = [];
  const plain: Float32Array[] = [];
  const before = tf.memory().numTensors;
  for (const d of [5, 32, 70]) {
    const a = tf.tidy(() => {
      const x = tf.randomNormal([3 * d, d], 0, 1, 'float32', d);
      return tf.add<tf.Tensor2D>(tf.matMul(x, x, true, false), tf.mul(tf.eye(d), 0.01));
    });
    for (const [roots, into] of [
      [newtonSchulzRootsForward(a, 20), fused],
      [newtonSchulzRoots(a, 20), plain],
    ] as const) {
      into.push((await roots.sqrt.data()) as Float32Array, (await roots.invSqrt.data()) as Float32Array);
      tf.dispose([roots.sqrt, roots.invSqrt]);
    }
    a.dispose();
  }
  return { name: 'newton-schulz', ...compare(fused, plain), leaked: tf.memory().numTensors - before };
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
  newtonSchulzCase,
  ...values.frameworks.split(',').map((framework) => () => stepByStep(framework)),
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
