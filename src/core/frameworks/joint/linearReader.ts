/**
 * Linear readers of joint codes, off the device: the model's own attribute heads (weights read back) or
 * a ridge-regression probe fitted to codes. Plain arrays, so a probe costs milliseconds, not training.
 */
export interface LinearReader {
  /** Code width d. */
  readonly d: number;
  /** Σ_a K_a output columns, attribute blocks side by side. */
  readonly sizes: readonly number[];
  /** [d, Σ K] row-major. */
  readonly weights: Float64Array | Float32Array;
  /** [Σ K]. */
  readonly bias: Float64Array | Float32Array;
}

/** Attribute accuracy of a reader on codes: the mean over attributes and each attribute's own. */
export interface ReaderAccuracy {
  mean: number;
  perAttribute: number[];
}

/**
 * Fraction of rows whose predicted value (argmax within each attribute's block) equals the label.
 * codes: [n, d] row-major; labels: [n, A]; rows: which rows to score (omitted: all).
 */
export function readerAccuracy(
  reader: LinearReader,
  codes: Float32Array,
  labels: Int32Array,
  rows?: readonly number[],
): ReaderAccuracy {
  const { d, sizes, weights, bias } = reader;
  const A = sizes.length;
  const n = codes.length / d;
  const list = rows ?? Array.from({ length: n }, (_, i) => i);
  const K = sizes.reduce((a, b) => a + b, 0);
  const logits = new Float64Array(K);
  const hits = new Array<number>(A).fill(0);
  for (const i of list) {
    for (let k = 0; k < K; k++) {
      let s = bias[k];
      for (let j = 0; j < d; j++) s += codes[i * d + j] * weights[j * K + k];
      logits[k] = s;
    }
    let offset = 0;
    sizes.forEach((size, a) => {
      let best = offset;
      for (let k = offset + 1; k < offset + size; k++) if (logits[k] > logits[best]) best = k;
      if (best - offset === labels[i * A + a]) hits[a] = hits[a] + 1;
      offset += size;
    });
  }
  const perAttribute = hits.map((h) => (list.length > 0 ? h / list.length : NaN));
  return { mean: perAttribute.reduce((a, b) => a + b, 0) / A, perAttribute };
}

/**
 * A ridge-regression probe: least squares from [code; 1] to the one-hot attribute values with penalty
 * `lambda` · n on the weights (not the bias), solved in closed form by Cholesky. A classifier that needs
 * no training loop, so it can be refitted at every evaluation.
 * codes: [n, d] row-major; labels: [n, A].
 */
export function fitRidgeProbe(
  codes: Float32Array,
  d: number,
  labels: Int32Array,
  sizes: readonly number[],
  lambda = 1e-3,
): LinearReader {
  const n = codes.length / d;
  const A = sizes.length;
  const K = sizes.reduce((a, b) => a + b, 0);
  const p = d + 1; // the last input is the constant 1
  const gram = new Float64Array(p * p);
  const rhs = new Float64Array(p * K);
  const x = new Float64Array(p);
  const starts = sizes.map((_, a) => sizes.slice(0, a).reduce((s, k) => s + k, 0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) x[j] = codes[i * d + j];
    x[d] = 1;
    for (let r = 0; r < p; r++) {
      const xr = x[r];
      for (let c = 0; c <= r; c++) gram[r * p + c] = gram[r * p + c] + xr * x[c];
      for (let a = 0; a < A; a++) {
        const col = starts[a] + labels[i * A + a];
        rhs[r * K + col] = rhs[r * K + col] + xr;
      }
    }
  }
  for (let r = 0; r < p; r++) {
    for (let c = r + 1; c < p; c++) gram[r * p + c] = gram[c * p + r];
    if (r < d) gram[r * p + r] = gram[r * p + r] + lambda * n;
  }
  // The bias row gets a tiny ridge too, so a constant code (e.g. at initialisation) stays solvable.
  gram[d * p + d] = gram[d * p + d] + 1e-9 * n;
  const solution = choleskySolve(gram, p, rhs, K);
  return { d, sizes, weights: solution.subarray(0, d * K), bias: solution.subarray(d * K, p * K) };
}

/** Solves S X = B for symmetric positive definite S [p, p], B [p, k]. Returns X [p, k] row-major. */
export function choleskySolve(S: Float64Array, p: number, B: Float64Array, k: number): Float64Array {
  const L = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let s = S[i * p + j];
      for (let m = 0; m < j; m++) s -= L[i * p + m] * L[j * p + m];
      L[i * p + j] = i === j ? Math.sqrt(Math.max(s, 1e-300)) : s / L[j * p + j];
    }
  }
  const X = Float64Array.from(B);
  for (let c = 0; c < k; c++) {
    for (let i = 0; i < p; i++) {
      let s = X[i * k + c];
      for (let m = 0; m < i; m++) s -= L[i * p + m] * X[m * k + c];
      X[i * k + c] = s / L[i * p + i];
    }
    for (let i = p - 1; i >= 0; i--) {
      let s = X[i * k + c];
      for (let m = i + 1; m < p; m++) s -= L[m * p + i] * X[m * k + c];
      X[i * k + c] = s / L[i * p + i];
    }
  }
  return X;
}
