/** Switches of the project's WASM kernels: the bench and the tests compare them with plain TF.js. */
export const wasmKernelOptions = {
  /** Off: TF.js's own kernels run (Adam's 14 elementwise ops, XNNPACK's products, copying clones). */
  enabled: true,
  /** 'auto' takes relaxed SIMD where it validates; 'simd' never does. */
  flavour: 'auto' as 'auto' | 'simd',
};
