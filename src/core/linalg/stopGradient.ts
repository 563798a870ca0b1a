import { tf } from '../tf';

/**
 * The identity in the forward pass, zero gradient in the backward pass (TensorFlow's stop_gradient, which
 * TF.js lacks). Ops run inside a custom gradient are not recorded on the tape, so a whole detached
 * computation can be wrapped in one: `stopGradient(tf.tidy(() => ...))` still records what came before.
 */
export const stopGradient = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const x = args[0] as tf.Tensor;
  return { value: tf.clone(x), gradFunc: (dy: tf.Tensor | tf.Tensor[]) => tf.zerosLike(dy as tf.Tensor) };
}) as <T extends tf.Tensor>(x: T) => T;

/**
 * Runs `f` on `inputs` without recording it for gradients: the result is treated as a constant. Use for
 * a computation whose value steers a loss but which the loss must not be differentiated through
 * (e.g. choosing a subspace). Saves the tape the cost of recording every op of `f`.
 */
export function detached<T extends tf.Tensor>(inputs: tf.Tensor[], f: (...xs: tf.Tensor[]) => T): T {
  const wrapped = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const xs = args.slice(0, inputs.length) as tf.Tensor[];
    return {
      value: f(...xs),
      gradFunc: () => xs.map((x) => tf.zerosLike(x)),
    };
  }) as (...xs: tf.Tensor[]) => T;
  return wrapped(...inputs);
}
