/**
 * A trainer's weights in and out through tf.io: every trainable variable (by its ParamStore name, e.g.
 * 'image/fc1/w') encoded by tf.io.encodeWeights with the config and vocabulary that rebuild the model,
 * and decoded by tf.io.decodeWeights into a freshly built model of the same config and data.
 */
import { tf } from '../core/tf';
import type { ModelWeights, WeightSpec } from '../core/export/modelFile';
import type { Trainer } from './trainer';

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
  const named = trainer.model.params.variables.map((v) => ({ name: paramName(v.name), tensor: v }));
  const { data, specs } = await tf.io.encodeWeights(named);
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
 * Loads `weights` into the trainer's model. Throws a readable Error, leaving the model untouched, when
 * they were trained on another vocabulary or do not fit the model's variables.
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
    const problems: string[] = [];
    for (const v of variables) {
      const t = decoded[paramName(v.name)];
      if (!t) problems.push(`${paramName(v.name)} is missing`);
      else if (t.shape.join('x') !== v.shape.join('x'))
        problems.push(`${paramName(v.name)} is ${t.shape.join('x')}, the model needs ${v.shape.join('x')}`);
    }
    if (Object.keys(decoded).length !== variables.length)
      problems.push(
        `the file holds ${Object.keys(decoded).length} weights, the model has ${variables.length}`,
      );
    if (problems.length)
      throw new Error(`The saved weights do not fit this model: ${problems.slice(0, 3).join('; ')}.`);
    for (const v of variables) v.assign(decoded[paramName(v.name)] as tf.Tensor);
  } finally {
    Object.values(decoded).forEach((t) => t.dispose());
  }
}
