/**
 * TF.js in Node (the headless runner and the unit tests). The umbrella package's Node build registers
 * every gradient in TF.js's global registry (tfjs-core's own ES modules cannot be loaded by Node directly);
 * the WASM backend's Node build adds 'wasm'.
 */
import '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { tf } from '../core/tf';

// Production mode skips per-op debug checks and the console notice about the native Node backend
// (which cannot be installed offline and is not needed: the runner is WASM-first).
tf.env().set('PROD', true);

export const NODE_BACKENDS = ['wasm', 'cpu'] as const;
export type NodeBackend = (typeof NODE_BACKENDS)[number];

/** Selects a backend and waits until it is ready; throws a readable error when it cannot start. */
export async function useNodeBackend(name: NodeBackend): Promise<void> {
  const ok = await tf.setBackend(name);
  if (!ok) throw new Error(`The TF.js backend '${name}' could not be initialised in Node.`);
  await tf.ready();
}
