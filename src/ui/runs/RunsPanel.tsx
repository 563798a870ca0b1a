import { useState } from 'react';
import { fmt } from '../../core/lessons/measures';
import type { RunId, RunRecord } from '../../state/runs';
import { useController } from '../controllerContext';
import { useStore } from '../useStore';
import { ComparisonView } from './ComparisonView';
import { runLabel } from './runLabels';

/**
 * Every run kept in this page (queued, training, finished), with its last measured gap and R@1; tick two
 * finished runs to see them side by side.
 */
export function RunsPanel() {
  const c = useController();
  const records = useStore(c.runs, (s) => s.records);
  const comparison = useStore(c.runs, (s) => s.comparison);
  const [picked, setPicked] = useState<RunId[]>([]);
  const kept = records.filter((r) => r.history.length > 0 || r.status === 'queued');
  if (kept.length < 2 && !comparison) return null;
  const configs = kept.map((r) => r.config);
  const toggle = (id: RunId) => {
    const next = picked.includes(id) ? picked.filter((p) => p !== id) : [...picked, id].slice(-2);
    setPicked(next);
    c.compareRuns(next.length === 2 ? [next[0], next[1]] : null);
  };
  return (
    <section className="panel runs-panel" data-testid="runs">
      <h2>Runs in this page</h2>
      <table className="lesson-table">
        <thead>
          <tr>
            <th scope="col">compare</th>
            <th scope="col">run</th>
            <th scope="col">step</th>
            <th scope="col">gap</th>
            <th scope="col">R@1</th>
          </tr>
        </thead>
        <tbody>
          {kept.map((r) => (
            <RunRow
              key={r.id}
              record={r}
              label={runLabel(r.config, configs)}
              picked={picked.includes(r.id)}
              onToggle={() => toggle(r.id)}
            />
          ))}
        </tbody>
      </table>
      {comparison ? (
        <ComparisonView ids={comparison} />
      ) : (
        <p className="hint">Tick two runs to compare them.</p>
      )}
    </section>
  );
}

function RunRow({
  record,
  label,
  picked,
  onToggle,
}: {
  record: RunRecord;
  label: string;
  picked: boolean;
  onToggle: () => void;
}) {
  const last = record.history[record.history.length - 1];
  const comparable = record.last !== null;
  return (
    <tr data-testid={`run-${record.id}`} data-status={record.status}>
      <td>
        <input
          type="checkbox"
          checked={picked}
          disabled={!comparable}
          data-testid={`compare-${record.id}`}
          aria-label={`Compare run ${record.id}: ${label}`}
          onChange={onToggle}
        />
      </td>
      <td>
        #{record.id} {label}
        {record.status !== 'finished' ? <span className="hint"> ({record.status})</span> : null}
      </td>
      <td>{last?.step ?? '–'}</td>
      <td>{last ? fmt(last.metrics.gap) : '–'}</td>
      <td>{last ? fmt(last.metrics.seen.i2t.r1) : '–'}</td>
    </tr>
  );
}
