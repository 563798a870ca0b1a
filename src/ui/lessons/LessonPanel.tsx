import { useEffect, useMemo, useRef } from 'react';
import { lessonById } from '../../core/lessons/catalogue';
import { lessonProgress } from '../../core/lessons/progress';
import type { LessonId } from '../../core/lessons/types';
import { Formula } from '../explain/Formula';
import { useController } from '../controllerContext';
import { useStore } from '../useStore';
import { useView } from '../viewContext';
import { LessonFigure } from './LessonFigure';
import { useLessonContext } from './useLessonContext';

/**
 * An open lesson beside the live model: steps to read aloud, a start control, "what to notice"
 * checkpoints that tick as the measured metrics reach them, the teaching moment, and a next step.
 */
export function LessonPanel({ id }: { id: LessonId }) {
  const lesson = lessonById(id);
  const v = useView();
  const c = useController();
  const queueId = useStore(v.view, (s) => s.lessonQueue);
  const ctx = useLessonContext(queueId);
  const progress = useMemo(() => (lesson ? lessonProgress(lesson, ctx) : null), [lesson, ctx]);
  const queue = useStore(c.runs, (s) => (s.queue && s.queue.id === queueId ? s.queue : null));
  const status = useStore(c.run, (s) => s.status);
  const momentBox = useRef<HTMLDivElement>(null);
  const moment = progress?.moment ?? null;
  // When the moment arrives, bring it into view in the lesson's own scrolling column.
  useEffect(() => {
    if (moment) momentBox.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [moment !== null]); // eslint-disable-line react-hooks/exhaustive-deps
  if (!lesson || !progress) return null;
  const started = queueId !== null;
  const running = queue !== null && !queue.done;
  const total = queue?.runIds.length ?? 0;
  return (
    <section
      className="panel lesson-panel"
      data-testid="lesson"
      data-lesson={lesson.id}
      aria-label={`Lesson: ${lesson.title}`}
    >
      <div className="lesson-head">
        <h2>Lesson</h2>
        <button
          type="button"
          className="link-button"
          data-testid="lesson-close"
          onClick={() => v.openLesson(null)}
        >
          All lessons
        </button>
      </div>
      <h3 className="lesson-title">{lesson.title}</h3>
      {lesson.source ? <p className="lesson-source">{lesson.source}</p> : null}
      <ol className="lesson-steps">
        {lesson.steps.map((step, i) => (
          <li key={i}>
            <p>{step.text}</p>
            {step.formula ? <Formula tex={step.formula} /> : null}
          </li>
        ))}
      </ol>
      <div className="lesson-start-row">
        <button
          type="button"
          className="primary-button"
          data-testid="lesson-start"
          disabled={running || status === 'starting'}
          onClick={() => v.startLesson()}
        >
          {started && !running ? `Again: ${lesson.start.label.toLowerCase()}` : lesson.start.label}
        </button>
        {queue && total > 1 ? (
          <span className="lesson-queue" data-testid="lesson-queue" aria-live="polite">
            {queue.done ? `${total} runs done` : `run ${Math.min(queue.index + 1, total)} of ${total}`}
          </span>
        ) : null}
        {running ? (
          <button type="button" className="link-button" onClick={() => c.cancelQueue()}>
            Stop
          </button>
        ) : null}
      </div>
      {progress.moment ? (
        <div className="lesson-moment" data-testid="lesson-moment" role="status" ref={momentBox}>
          <strong>Teaching moment.</strong> {lesson.momentText}
          <span className="evidence">{progress.moment}</span>
        </div>
      ) : null}
      <LessonFigure figure={lesson.figure} ctx={ctx} />
      <h4>What to notice</h4>
      <ul className="lesson-checkpoints">
        {progress.checkpoints.map((cp) => (
          <li
            key={cp.id}
            className={cp.evidence ? 'held' : 'waiting'}
            data-testid={`checkpoint-${cp.id}`}
            data-held={Boolean(cp.evidence)}
          >
            <span className="tick" aria-hidden="true">
              {cp.evidence ? '✓' : '○'}
            </span>
            <span>
              {cp.text}
              {cp.evidence ? <span className="evidence">{cp.evidence}</span> : null}
            </span>
          </li>
        ))}
      </ul>
      {lesson.next ? (
        <div className="lesson-next">
          <h4>Next</h4>
          <p>{lesson.next.text}</p>
          <button
            type="button"
            data-testid="lesson-next"
            disabled={!progress.moment}
            onClick={() => v.takeNextStep()}
          >
            {lesson.next.label}
          </button>
        </div>
      ) : null}
    </section>
  );
}
