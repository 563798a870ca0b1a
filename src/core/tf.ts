/**
 * The one place the project imports TensorFlow.js core. Core code only builds and runs ops; the
 * environment registers gradients and backends before training starts (`training/backends.ts` in the
 * browser, `cli/nodeBackends.ts` in Node), because the two need different builds of the same packages.
 */
import * as tf from '@tensorflow/tfjs-core';

export { tf };
