/** Helpers of the fusion tests: set a fusion's weights by hand. */
import { tf } from '../../../src/core/tf';
import type { ParamStore } from '../../../src/core/models/params';

/** Assigns `values` to the store's variables in creation order (one flat array each). */
export function assignAll(params: ParamStore, values: readonly number[][]): void {
  params.variables.forEach((v, i) => {
    const data = values[i];
    if (!data) return;
    tf.tidy(() => v.assign(tf.tensor(data, v.shape)));
  });
}
