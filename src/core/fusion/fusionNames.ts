/**
 * The fusion operator names, apart from the operators so the page can list them in its settings
 * without loading TensorFlow.js (which only the workers need).
 */
export const FUSIONS = ['concat', 'additive', 'tensor', 'lowrank'] as const;
export type FusionName = (typeof FUSIONS)[number];
