/**
 * Embeddings as the metrics read them: n row vectors of width d in one row-major Float32Array
 * (row i = data[i*d .. i*d+d)). Rows are expected L2-normalised where a metric says so.
 */
export interface Embeddings {
  readonly n: number;
  readonly d: number;
  readonly data: Float32Array;
}

export function embeddings(data: Float32Array, d: number): Embeddings {
  if (d <= 0 || data.length % d !== 0)
    throw new Error(`embeddings: length ${data.length} is not a multiple of d=${d}`);
  return { n: data.length / d, d, data };
}

/** Dot product of row i of a and row j of b. */
export function dotRows(a: Embeddings, i: number, b: Embeddings, j: number): number {
  const d = a.d;
  let s = 0;
  const ai = i * d;
  const bj = j * d;
  for (let k = 0; k < d; k++) s += a.data[ai + k] * b.data[bj + k];
  return s;
}

/** Mean row, [d], accumulated in float64. `rows` restricts to a subset. */
export function meanRow(a: Embeddings, rows?: ArrayLike<number>): Float64Array {
  const out = new Float64Array(a.d);
  const count = rows ? rows.length : a.n;
  for (let r = 0; r < count; r++) {
    const i = rows ? rows[r] : r;
    for (let k = 0; k < a.d; k++) out[k] = out[k] + a.data[i * a.d + k];
  }
  for (let k = 0; k < a.d; k++) out[k] = out[k] / Math.max(count, 1);
  return out;
}

/** Copies the chosen rows into a new Embeddings. */
export function selectRows(a: Embeddings, rows: ArrayLike<number>): Embeddings {
  const out = new Float32Array(rows.length * a.d);
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r];
    out.set(a.data.subarray(i * a.d, (i + 1) * a.d), r * a.d);
  }
  return { n: rows.length, d: a.d, data: out };
}

/** Asserts x and y describe the same number of pairs in the same space. */
export function assertPaired(x: Embeddings, y: Embeddings, what: string): void {
  if (x.n !== y.n || x.d !== y.d) throw new Error(`${what}: x is [${x.n}, ${x.d}] but y is [${y.n}, ${y.d}]`);
  if (x.n === 0) throw new Error(`${what}: no pairs`);
}
