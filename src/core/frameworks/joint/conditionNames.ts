/**
 * What a joint code was computed from: the pair, the image alone, the caption alone. In a run without
 * image or caption the names keep their places for the run's first pair (image,audio: 'imageOnly' is the
 * image, 'textOnly' the sound; text,audio: the caption, the sound): `JointEvaluation.conditionModalities`
 * says which. Apart from the
 * tensor code in `conditions.ts` so the page can label its scores without loading TensorFlow.js.
 */
export const CONDITIONS = ['both', 'imageOnly', 'textOnly'] as const;
export type Condition = (typeof CONDITIONS)[number];

/** One number per condition. */
export type ConditionScores = Record<Condition, number>;
