import type { LessonRun } from '../../core/lessons/types';
import { firstPoint, fmt } from '../../core/lessons/measures';

/** Step-0 cone cosines and gap, one row per seed, filled in as each untrained model is measured. */
export function SeedsTable({ runs }: { runs: readonly LessonRun[] }) {
  if (runs.length === 0) return null;
  return (
    <table className="lesson-table" data-testid="lesson-figure">
      <caption>Untrained models, measured at step 0</caption>
      <thead>
        <tr>
          <th scope="col">seed</th>
          <th scope="col">image cone</th>
          <th scope="col">caption cone</th>
          <th scope="col">gap</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((run) => {
          const p = firstPoint(run);
          return (
            <tr key={run.id} data-status={run.status}>
              <th scope="row">{run.config.seed}</th>
              <td>{p ? fmt(p.metrics.coneImage) : '…'}</td>
              <td>{p ? fmt(p.metrics.coneText) : '…'}</td>
              <td>{p ? fmt(p.metrics.gap) : '…'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
