/**
 * A lesson: a short, guided experiment a teacher can run in front of a class. Plain data and pure
 * functions over measured metrics, so the same lesson is checked in Node tests and shown in the app.
 */
import type { ConfigKey, ExperimentConfig } from '../experiment/config';
import type { GapMetrics } from '../metrics/gapMetrics';
import type { FrameworkExtra } from '../frameworks/frameworkExtra';

export const LESSON_IDS = [
  'cone',
  'contrastive',
  'temperature',
  'correlation',
  'joint',
  'encdec',
  'complementary',
  'own-data',
] as const;
export type LessonId = (typeof LESSON_IDS)[number];

/** One evaluation of a run, as a lesson reads it (a run's history without the embeddings). */
export interface LessonPoint {
  readonly step: number;
  readonly loss: number;
  readonly metrics: GapMetrics;
  /** The framework's own measurements (see FrameworkModel.evaluate). */
  readonly extra: FrameworkExtra;
}

/** A run as a lesson reads it: structurally a subset of the app's run record. */
export interface LessonRun {
  readonly id: number;
  readonly config: ExperimentConfig;
  /** 'queued' | 'starting' | 'ready' | 'running' | 'finished' | 'stopped' | 'error' | 'cancelled' */
  readonly status: string;
  readonly history: readonly LessonPoint[];
  /** Trainable weights, once the run is built. */
  readonly parameters?: number;
}

/** What a lesson's checkpoints can see: measured state only, never the clock. */
export interface LessonContext {
  /** The run the page shows (the live one), when it belongs to this lesson. */
  readonly current: LessonRun | null;
  /** The runs this lesson started, in the order it queued them (finished, running or waiting). */
  readonly runs: readonly LessonRun[];
  /** Evaluation pairs of the current run (for what a number means at this size). */
  readonly evalSize: number;
  /**
   * Recall@1 a guess would score on the current evaluation set: the mean share of the gallery that
   * counts as a right answer for a query (1/n when every pair has its own meaning).
   */
  readonly chanceR1: number;
}

/** A "what to notice" checkpoint. */
export interface Checkpoint {
  readonly id: string;
  /** What to look for, in words a teacher can read aloud. */
  readonly text: string;
  /**
   * The measured evidence once the checkpoint holds (e.g. "alignment 2.05 → 0.98 by step 150"), or
   * null while it does not. Reads only `ctx`: a checkpoint reacts to the run, never to a timer.
   */
  check(ctx: LessonContext): string | null;
}

/** A run the lesson trains: a config and how many steps (0 = measure at initialisation only). */
export interface LessonRunPlan {
  readonly config: ExperimentConfig;
  readonly steps: number;
}

/** What the lesson's start control does. */
export type LessonPlan =
  /** Apply the settings and train the shown run (Play). */
  | { readonly kind: 'train' }
  /** Train these runs one after another, keeping each for the lesson's figure. */
  | { readonly kind: 'queue'; readonly label: string; runs(base: ExperimentConfig): LessonRunPlan[] };

/** A step of the lesson: a few sentences to read aloud, optionally a formula (KaTeX source). */
export interface LessonStep {
  readonly text: string;
  readonly formula?: string;
}

/** A column of a lesson's table of runs: a heading and what to show for each run. */
export interface RunColumn {
  readonly label: string;
  value(run: LessonRun): string;
}

/** One measure of a sweep figure: a point per swept value (late-training mean), a bar over seeds. */
export interface SweepMeasure {
  readonly key: string;
  /** Axis title, with its direction ("lower is closer"). */
  readonly label: string;
  readonly measure: (p: LessonPoint) => number;
  readonly domain?: readonly [number, number];
}

/** What the lesson panel draws from the lesson's runs. */
export type LessonFigure =
  /** Step-0 cone and gap, one row per seed. */
  | { readonly kind: 'seeds' }
  /** A measure against the swept setting, spread over seeds. */
  | {
      readonly kind: 'sweep';
      readonly key: ConfigKey;
      readonly values: readonly number[];
      readonly log: boolean;
      readonly measures: readonly SweepMeasure[];
    }
  /** A table of the lesson's runs. */
  | { readonly kind: 'runs'; readonly columns: readonly RunColumn[] }
  /** R@1 against what guessing reaches at this evaluation size. */
  | { readonly kind: 'chance' }
  | { readonly kind: 'none' };

export interface Lesson {
  readonly id: LessonId;
  readonly title: string;
  /** One line for the "Start here" list. */
  readonly summary: string;
  /** The paper the lesson's finding comes from, as a short citation. */
  readonly source?: string;
  /** Settings applied when the lesson opens (over the defaults; a link's own settings win). */
  readonly setup: Partial<Record<ConfigKey, unknown>>;
  readonly start: { readonly label: string; readonly plan: LessonPlan };
  readonly steps: readonly LessonStep[];
  readonly checkpoints: readonly Checkpoint[];
  /** The checkpoint that is the lesson's teaching moment. */
  readonly moment: string;
  /** What the moment means, shown with it. */
  readonly momentText: string;
  readonly figure: LessonFigure;
  /** A next experiment: settings to change (and train) after the moment. */
  readonly next?: {
    readonly label: string;
    readonly text: string;
    readonly patch: Partial<Record<ConfigKey, unknown>>;
  };
}
