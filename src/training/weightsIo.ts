/**
 * A trainer's weights in and out through tf.io: every trainable variable (by its ParamStore name, e.g.
 * 'image/fc1/w') encoded by tf.io.encodeWeights with the config and vocabulary that rebuild the model,
 * and decoded by tf.io.decodeWeights into a freshly built model of the same config and data. The
 * model's state (FrameworkModel.state) travels beside them, each tensor named STATE_PREFIX + its name
 * ('state/phi/image'); a file saved before models had state has none, and loads with a fresh state.
 */
import { tf } from '../core/tf';
import type { ModelWeights, WeightSpec } from '../core/export/modelFile';
import type { Trainer } from './trainer';

/** What the names of the model state's tensors start with in a weights manifest. */
export const STATE_PREFIX = 'state/';

/** A variable's parameter name: TF.js variable names carry a per-engine suffix ('image/fc1/w_12'). */
export function paramName(variableName: string): string {
  return variableName.replace(/_\d+$/, '');
}

/** The trainer's weights now, `step` being the steps they were trained for in all. */
export async function exportWeights(
  trainer: Trainer,
  step: number,
  datasetName: string,
  datasetId?: string,
): Promise<ModelWeights> {
  const named: { name: string; tensor: tf.Tensor }[] = trainer.model.params.variables.map((v) => ({
    name: paramName(v.name),
    tensor: v,
  }));
  const state = trainer.model.state?.save() ?? {};
  named.push(...Object.entries(state).map(([name, tensor]) => ({ name: STATE_PREFIX + name, tensor })));
  const { data, specs } = await tf.io.encodeWeights(named).finally(() => tf.dispose(Object.values(state)));
  return {
    specs: specs.map((s): WeightSpec => ({ name: s.name, shape: [...s.shape], dtype: 'float32' })),
    data,
    config: { ...trainer.config },
    vocabulary: [...trainer.vocab.words],
    step,
    datasetName,
    ...(datasetId ? { datasetId } : {}),
  };
}

/**
 * Loads `weights` into the trainer's model, with its state. Throws a readable Error, leaving the model
 * untouched, when they were trained on another vocabulary or do not fit the model's variables or state.
 */
export function applyWeights(trainer: Trainer, weights: ModelWeights): void {
  const words = trainer.vocab.words;
  if (words.length !== weights.vocabulary.length || words.some((w, i) => w !== weights.vocabulary[i])) {
    throw new Error(
      `The saved weights were trained on other captions (a vocabulary of ${weights.vocabulary.length} words; ` +
        `this data gives ${words.length}). Open them with the dataset and seed they were trained on.`,
    );
  }
  const decoded = tf.io.decodeWeights(weights.data, weights.specs);
  try {
    const variables = trainer.model.params.variables;
    const stateNames = Object.keys(decoded).filter((name) => name.startsWith(STATE_PREFIX));
    const problems: string[] = [];
    for (const v of variables) {
      const t = decoded[paramName(v.name)];
      if (!t) problems.push(`${paramName(v.name)} is missing`);
      else if (t.shape.join('x') !== v.shape.join('x'))
        problems.push(`${paramName(v.name)} is ${t.shape.join('x')}, the model needs ${v.shape.join('x')}`);
    }
    const weightCount = Object.keys(decoded).length - stateNames.length;
    if (weightCount !== variables.length)
      problems.push(`the file holds ${weightCount} weights, the model has ${variables.length}`);
    if (stateNames.length && !trainer.model.state)
      problems.push(`the file holds a model state (${stateNames[0]}), this model keeps none`);
    if (problems.length)
      throw new Error(`The saved weights do not fit this model: ${problems.slice(0, 3).join('; ')}.`);
    // The state checks its tensors before changing anything, so it goes first.
    trainer.model.state?.restore({
      tensors: Object.fromEntries(stateNames.map((name) => [name.slice(STATE_PREFIX.length), decoded[name]])),
    });
    for (const v of variables) v.assign(decoded[paramName(v.name)]);
  } finally {
    Object.values(decoded).forEach((t) => t.dispose());
  }
}
