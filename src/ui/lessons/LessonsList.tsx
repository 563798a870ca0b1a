import { LESSONS } from '../../core/lessons/catalogue';
import type { LessonId } from '../../core/lessons/types';

/**
 * "Start here": one link per lesson. Each is a real link (`#lesson=<id>`), so a teacher can copy it into
 * a slide; a click opens the lesson in place.
 */
export function LessonsList({ onOpen }: { onOpen: (id: LessonId) => void }) {
  return (
    <nav className="panel lessons-list" data-testid="lessons" aria-label="Lessons">
      <h2>Start here: lessons</h2>
      <ol>
        {LESSONS.map((lesson) => (
          <li key={lesson.id}>
            <a
              href={`#lesson=${lesson.id}`}
              data-testid={`lesson-link-${lesson.id}`}
              onClick={(e) => {
                e.preventDefault();
                onOpen(lesson.id);
              }}
            >
              {lesson.title}
            </a>
            <span className="lesson-summary">{lesson.summary}</span>
          </li>
        ))}
      </ol>
    </nav>
  );
}
