/**
 * What carries a run over a reload besides its weights: the trainer's position (step, batch order,
 * random streams) and Adam's state (its step count and both moment estimates), so that training on after
 * a restore takes the very steps an uninterrupted run would have taken.
 */
import { tf } from '../core/tf';
import type { Trainer, TrainerPosition } from './trainer';
import { paramName } from './weightsIo';

export interface ResumeState {
  position: TrainerPosition;
  /**
   * Adam's iteration count ('iter', int32) and moments ('<param>/m', '<param>/v'), tf.io-encoded, in the
   * order Adam holds them.
   */
  optimizer: { specs: tf.io.WeightsManifestEntry[]; data: ArrayBuffer };
}

/** Adam names a moment after its variable ('image/fc1/w_12/m'); this drops the per-engine suffix. */
function momentName(name: string): string {
  const m = /^(.*)\/([mv])$/.exec(name);
  return m ? `${paramName(m[1])}/${m[2]}` : name;
}

/** The trainer's position and Adam's state now. */
export async function exportResume(trainer: Trainer): Promise<ResumeState> {
  const position = trainer.position();
  const named = await trainer.adam.getWeights();
  // getWeights hands out Adam's own variables and a fresh 'iter' scalar: only that one is ours to dispose.
  const fresh = named.filter((w) => w.name === 'iter').map((w) => w.tensor);
  try {
    const { data, specs } = await tf.io.encodeWeights(
      named.map(({ name, tensor }) => ({ name: momentName(name), tensor })),
    );
    return { position, optimizer: { specs, data } };
  } finally {
    tf.dispose(fresh);
  }
}

/**
 * Moves a freshly built trainer (its weights already loaded) to `state`. Throws a readable Error when
 * the position does not fit the data. Returns whether Adam's state was taken over: false (a fresh Adam)
 * when its moments do not name this model's variables in this model's order.
 */
export async function applyResume(trainer: Trainer, state: ResumeState): Promise<boolean> {
  trainer.moveTo(state.position);
  const { specs, data } = state.optimizer;
  const moments = specs.filter((s) => s.name !== 'iter').map((s) => s.name);
  const firsts = moments.slice(0, moments.length / 2);
  // Adam keeps its moments in the order of the gradients: this model's trainable variables in the order
  // they were registered with the engine (those without a gradient are skipped).
  const mine = new Set(trainer.model.params.variables.map((v) => v.name));
  const registered = tf.engine().registeredVariables;
  const order = Object.keys(registered)
    .filter((name) => mine.has(name) && registered[name]?.trainable)
    .map(paramName);
  const expected = [...firsts.map((n) => n.replace(/\/m$/, '/v'))];
  const shapeOk =
    specs[0]?.name === 'iter' &&
    moments.length % 2 === 0 &&
    firsts.every((n) => n.endsWith('/m')) &&
    moments.slice(firsts.length).every((n, i) => n === expected[i]) &&
    isSubsequence(
      firsts.map((n) => n.slice(0, -2)),
      order,
    );
  if (!shapeOk) return false;
  const decoded = tf.io.decodeWeights(data, specs);
  try {
    await trainer.adam.setWeights(specs.map((s) => ({ name: s.name, tensor: decoded[s.name] })));
  } finally {
    tf.dispose(Object.values(decoded));
  }
  return true;
}

/** Whether `part` appears in `whole` in the same order (not necessarily next to each other). */
function isSubsequence(part: readonly string[], whole: readonly string[]): boolean {
  let i = 0;
  for (const w of whole) if (i < part.length && w === part[i]) i++;
  return i === part.length;
}
