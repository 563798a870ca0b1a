import type { LessonRun, RunColumn } from '../../core/lessons/types';

const STATUS: Record<string, string> = {
  queued: 'waiting',
  starting: 'starting',
  ready: 'ready',
  running: 'training',
  finished: 'done',
  stopped: 'stopped',
  error: 'failed',
  cancelled: 'cancelled',
};

/** The lesson's runs side by side, one row each, with the columns the lesson chose. */
export function RunsTable({
  columns,
  runs,
  shownId,
}: {
  columns: readonly RunColumn[];
  runs: readonly LessonRun[];
  shownId: number | null;
}) {
  if (runs.length === 0) return null;
  return (
    <table className="lesson-table" data-testid="lesson-figure">
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c.label} scope="col">
              {c.label}
            </th>
          ))}
          <th scope="col">run</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((run) => (
          <tr key={run.id} className={run.id === shownId ? 'shown' : undefined} data-status={run.status}>
            {columns.map((c) => (
              <td key={c.label}>{c.value(run)}</td>
            ))}
            <td>{STATUS[run.status] ?? run.status}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
