/**
 * Actions on what the page shows: open a lesson (applying its settings), start it (its runs go to the
 * run queue), take its next step, present for a projector. The experiment itself stays with the
 * controller; this module only asks it for runs.
 */
import { defaultConfig, resolveConfig, type ExperimentConfig } from '../core/experiment/config';
import { lessonById } from '../core/lessons/catalogue';
import type { LessonId } from '../core/lessons/types';
import type { Controller } from './controller';
import { createStore, type Store } from './store';
import { PRESENTATION_HIDES, type PanelId, type ViewState } from './viewState';

export interface ViewController {
  view: Store<ViewState>;
  /** Opens a lesson with its settings (over the defaults), or goes back to the list with null. */
  openLesson(id: LessonId | null): void;
  /** Starts the open lesson's runs (one run, or its queue). */
  startLesson(): void;
  /** Applies the open lesson's next-step settings and trains them. */
  takeNextStep(): void;
  setPresenting(on: boolean): void;
  togglePanel(id: PanelId): void;
}

/** The settings a lesson opens with: its setup over the defaults, on the user's own pairs where it asks. */
export function lessonConfig(id: LessonId, hasImported: boolean): ExperimentConfig {
  const lesson = lessonById(id);
  const setup = { ...lesson?.setup };
  if (id === 'own-data') setup.dataset = hasImported ? 'imported' : 'emoji';
  return resolveConfig(setup, defaultConfig()).config;
}

export function createViewController(
  c: Controller,
  initial: ViewState,
  /** Called after every change, to write the link. */
  onChange: (view: ViewState) => void,
): ViewController {
  const view = createStore<ViewState>(initial);
  view.subscribe((state) => onChange(state));
  const queue = (items: { config: ExperimentConfig; steps?: number }[], label: string) => {
    const id = c.runQueue(items, label);
    view.setState({ lessonQueue: id });
  };
  return {
    view,
    openLesson(id) {
      c.cancelQueue();
      view.setState({ lesson: id, lessonQueue: null });
      if (id) c.openConfig(lessonConfig(id, c.run.getState().imported !== null));
    },
    startLesson() {
      const lesson = lessonById(view.getState().lesson);
      if (!lesson) return;
      const config = c.run.getState().config;
      const plan = lesson.start.plan;
      if (plan.kind === 'train') queue([{ config, steps: config.steps }], lesson.title);
      else queue(plan.runs(config), plan.label);
    },
    takeNextStep() {
      const lesson = lessonById(view.getState().lesson);
      if (!lesson?.next) return;
      const { config } = resolveConfig(lesson.next.patch, c.run.getState().config);
      queue([{ config, steps: config.steps }], lesson.next.label);
    },
    setPresenting(on) {
      view.setState({ presenting: on, hidden: on ? [...PRESENTATION_HIDES] : [] });
    },
    togglePanel(id) {
      view.setState((s) => ({
        hidden: s.hidden.includes(id) ? s.hidden.filter((p) => p !== id) : [...s.hidden, id],
      }));
    },
  };
}
