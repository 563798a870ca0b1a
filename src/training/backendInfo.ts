/** The TF.js backends the app can train on, fastest-first on a typical machine with a GPU. */
export const BROWSER_BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BROWSER_BACKENDS)[number];
/** 'auto' lets the worker pick by adapter and by a measured probe on the actual model. */
export type BackendChoice = BackendName | 'auto';

export const BACKEND_LABELS: Record<BackendName, string> = {
  webgpu: 'WebGPU',
  webgl: 'WebGL',
  wasm: 'WebAssembly',
  cpu: 'CPU (plain JS)',
};

/** What the worker found out about one backend in this browser. */
export interface BackendAvailability {
  name: BackendName;
  /** False when the browser cannot start it at all. */
  available: boolean;
  /** Why it is unavailable or discouraged, in words for the user (e.g. a software WebGPU adapter). */
  note?: string;
  /** GPU adapter description, for webgpu/webgl when known (vendor, architecture, renderer). */
  adapter?: string;
  /** True when the WebGPU adapter is a software fallback (e.g. SwiftShader). */
  fallbackAdapter?: boolean;
  /** True when WebGL renders on the CPU (SwiftShader, llvmpipe): an emulation, not a GPU. */
  softwareRenderer?: boolean;
  /** Measured milliseconds per training step of the current model, when probed. */
  msPerStep?: number;
  /** Why the current model cannot train here (e.g. conv2d on WASM), or undefined. */
  unsupported?: string;
}

/** The outcome of choosing a backend: which one, and a sentence saying why. */
export interface BackendDecision {
  backend: BackendName;
  reason: string;
  candidates: BackendAvailability[];
}
