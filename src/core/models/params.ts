import { tf } from '../tf';
import type { Rng } from '../random/rng';

/**
 * The trainable weights of a model, by name. Models create their variables here so the trainer can
 * count, checkpoint, restore and dispose them without knowing the architecture.
 */
export class ParamStore {
  readonly variables: tf.Variable[] = [];
  private readonly names = new Set<string>();

  /** A trainable variable initialised from `values` (row-major, `shape`). */
  add(name: string, shape: number[], values: Float32Array): tf.Variable {
    if (this.names.has(name)) throw new Error(`ParamStore: duplicate parameter name '${name}'`);
    this.names.add(name);
    // The variable shares the initial tensor's buffer and holds its own reference to it: dispose the
    // initial tensor, or the buffer outlives dispose() and every model built leaks its weights.
    const init = tf.tensor(values, shape, 'float32');
    const v = tf.variable(init, true, `${name}_${uniqueSuffix()}`);
    init.dispose();
    this.variables.push(v);
    return v;
  }

  /** Glorot/Xavier uniform init, U(-a, a) with a = sqrt(6 / (fanIn + fanOut)): keeps activations' scale. */
  glorot(
    name: string,
    shape: number[],
    rng: Rng,
    fanIn = shape[0] ?? 1,
    fanOut = shape[shape.length - 1] ?? 1,
  ) {
    const a = Math.sqrt(6 / (fanIn + fanOut));
    return this.add(
      name,
      shape,
      fill(shape, () => rng.uniform(-a, a)),
    );
  }

  zeros(name: string, shape: number[]): tf.Variable {
    return this.add(name, shape, new Float32Array(sizeOf(shape)));
  }

  constant(name: string, shape: number[], value: number): tf.Variable {
    return this.add(name, shape, new Float32Array(sizeOf(shape)).fill(value));
  }

  /** Total number of scalar weights. */
  count(): number {
    return this.variables.reduce((n, v) => n + v.size, 0);
  }

  dispose(): void {
    for (const v of this.variables) v.dispose();
    this.variables.length = 0;
    this.names.clear();
  }
}

// Variable names are global in a TF.js engine; a suffix lets two models (or a reset) coexist.
let counter = 0;
function uniqueSuffix(): number {
  return counter++;
}

function sizeOf(shape: number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

function fill(shape: number[], f: () => number): Float32Array {
  const out = new Float32Array(sizeOf(shape));
  for (let i = 0; i < out.length; i++) out[i] = f();
  return out;
}
