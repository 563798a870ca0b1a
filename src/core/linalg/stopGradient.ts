import { tf } from '../tf';

/**
 * The identity in the forward pass, zero gradient in the backward pass (TensorFlow's stop_gradient, which
 * TF.js lacks).
 */
export const stopGradient = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const x = args[0] as tf.Tensor;
  return { value: tf.clone(x), gradFunc: (dy: tf.Tensor | tf.Tensor[]) => tf.zerosLike(dy as tf.Tensor) };
}) as <T extends tf.Tensor>(x: T) => T;
