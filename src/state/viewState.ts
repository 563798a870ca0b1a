/**
 * What the page is showing, apart from the experiment: the open lesson and presentation mode. Like the
 * experiment's settings, it travels in the link (`lesson`, `present`, `hide`), so a teacher can share a
 * lesson set up for a projector as one URL.
 */
import { isLessonId } from '../core/lessons/catalogue';
import type { LessonId } from '../core/lessons/types';

/** Panels a presenter can hide; the link's `hide` lists them by these ids. */
export const PANEL_IDS = [
  'settings',
  'data',
  'retrieval',
  'framework',
  'charts',
  'explain',
  'runs',
  'saved',
  'export',
] as const;
export type PanelId = (typeof PANEL_IDS)[number];

/** Hidden on entering presentation mode: the bench's forms, kept for the full view. */
export const PRESENTATION_HIDES: readonly PanelId[] = [
  'settings',
  'data',
  'retrieval',
  'saved',
  'export',
  'explain',
];

export interface ViewState {
  /** The lesson the lesson panel shows, or null for the "Start here" list. */
  lesson: LessonId | null;
  /** The run queue the open lesson started (its runs are the lesson's), or null before its start. */
  lessonQueue: number | null;
  /** Presentation mode: larger type for a projector, fewer panels. */
  presenting: boolean;
  /** Panels hidden while presenting. */
  hidden: readonly PanelId[];
}

export const VIEW_KEYS = ['lesson', 'present', 'hide'] as const;

/** Reads the view from a link's extras; unknown values are reported, not trusted. */
export function viewFromExtras(extras: Readonly<Record<string, string>>): {
  view: ViewState;
  errors: string[];
} {
  const errors: string[] = [];
  let lesson: LessonId | null = null;
  if (extras.lesson !== undefined) {
    if (isLessonId(extras.lesson)) lesson = extras.lesson;
    else errors.push(`unknown lesson ${JSON.stringify(extras.lesson.slice(0, 30))}`);
  }
  const presenting = extras.present === '1' || extras.present === 'true';
  let hidden: PanelId[] = presenting ? [...PRESENTATION_HIDES] : [];
  if (extras.hide !== undefined) {
    const names = extras.hide.split(',').filter(Boolean);
    const unknown = names.filter((n) => !(PANEL_IDS as readonly string[]).includes(n));
    if (unknown.length) errors.push(`unknown panels to hide: ${unknown.slice(0, 5).join(', ').slice(0, 60)}`);
    hidden = names.filter((n): n is PanelId => (PANEL_IDS as readonly string[]).includes(n));
  }
  return { view: { lesson, lessonQueue: null, presenting, hidden }, errors };
}

/** The view as link extras: only what differs from the plain bench. */
export function viewToExtras(view: ViewState): Record<string, string> {
  const extras: Record<string, string> = {};
  if (view.lesson) extras.lesson = view.lesson;
  if (view.presenting) {
    extras.present = '1';
    const sameAsDefault =
      view.hidden.length === PRESENTATION_HIDES.length &&
      PRESENTATION_HIDES.every((p) => view.hidden.includes(p));
    if (!sameAsDefault) extras.hide = [...view.hidden].sort().join(',');
  }
  return extras;
}
