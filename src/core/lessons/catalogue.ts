/** Every lesson, in the order a class would take them. */
import type { Lesson, LessonId } from './types';
import { LESSON_IDS } from './types';
import { coneLesson } from './cone';
import { contrastiveLesson } from './contrastive';
import { temperatureLesson } from './temperature';
import { correlationLesson } from './correlation';
import { jointLesson } from './joint';
import { encdecLesson } from './encdec';
import { ownDataLesson } from './ownData';
import { complementaryLesson } from './complementary';

export const LESSONS: readonly Lesson[] = [
  coneLesson,
  contrastiveLesson,
  temperatureLesson,
  correlationLesson,
  jointLesson,
  encdecLesson,
  complementaryLesson,
  ownDataLesson,
];

export function lessonById(id: string | null | undefined): Lesson | null {
  return LESSONS.find((l) => l.id === id) ?? null;
}

export function isLessonId(id: string): id is LessonId {
  return (LESSON_IDS as readonly string[]).includes(id);
}
