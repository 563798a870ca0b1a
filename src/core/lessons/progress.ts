import type { Lesson, LessonContext } from './types';

export interface CheckpointState {
  readonly id: string;
  readonly text: string;
  /** Measured evidence once it holds; null while it does not. */
  readonly evidence: string | null;
}

export interface LessonProgress {
  readonly checkpoints: readonly CheckpointState[];
  /** The teaching moment's evidence once its checkpoint holds. */
  readonly moment: string | null;
}

/** Checks every checkpoint of `lesson` against what has been measured so far. */
export function lessonProgress(lesson: Lesson, ctx: LessonContext): LessonProgress {
  const checkpoints = lesson.checkpoints.map((c) => ({ id: c.id, text: c.text, evidence: c.check(ctx) }));
  return { checkpoints, moment: checkpoints.find((c) => c.id === lesson.moment)?.evidence ?? null };
}
