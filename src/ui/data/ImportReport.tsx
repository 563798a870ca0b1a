import { useId } from 'react';
import {
  REASON_LABELS,
  REJECT_REASONS,
  byPath,
  formatReport,
  notDroppedDetail,
} from '../../core/data/import';
import type { ImportReportData } from '../../state/persistence/db';
import { downloadBlob } from '../../plots/export';

/** Rejections listed on the page; the full list is one click away as a text file. */
const SHOWN = 300;

/**
 * The validation report of an import: how many pairs were kept, how many items were rejected for each
 * reason, and every rejected item by name with its reason. File names and captions are the user's
 * text: React writes them as text nodes, never as markup.
 */
export function ImportReport({ name, report }: { name: string; report: ImportReportData }) {
  const id = useId();
  const { summary, notes } = report;
  // Sorted again here: reports stored before natural ordering listed `:10` before `:4`.
  const rejected = byPath(report.rejected);
  const notDropped = byPath(report.notDropped ?? []);
  const reasons = REJECT_REASONS.filter((r) => summary.rejected[r] > 0);
  return (
    <section className="import-report" data-testid="import-report" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>
        Import report: <span className="data-name">{name}</span>
      </h3>
      <p className="report-summary" data-testid="import-summary">
        <strong data-testid="import-kept" data-value={summary.images}>
          {summary.images} image{summary.images === 1 ? '' : 's'}
        </strong>{' '}
        kept with {summary.captions} caption{summary.captions === 1 ? '' : 's'};{' '}
        <strong data-testid="import-rejected" data-value={summary.rejectedTotal}>
          {summary.rejectedTotal} rejected
        </strong>
        {reasons.length
          ? ` (${reasons.map((r) => `${summary.rejected[r]} ${REASON_LABELS[r]}`).join(', ')})`
          : ''}
        .
        {notDropped.length > 0 ? (
          <>
            {' '}
            <span data-testid="import-not-dropped" data-value={notDropped.length}>
              {notDropped.length} more image{notDropped.length === 1 ? ' is' : 's are'} listed in the metadata
              but {notDropped.length === 1 ? 'was' : 'were'} not dropped
            </span>{' '}
            (not an error: drop {notDropped.length === 1 ? 'it' : 'them'} too to train on{' '}
            {notDropped.length === 1 ? 'it' : 'them'}).
          </>
        ) : null}
      </p>
      {rejected.length > 0 ? (
        <>
          <ul className="rejected-list" aria-label="Rejected items" data-testid="rejected-list">
            {rejected.slice(0, SHOWN).map((r, i) => (
              <li key={`${r.path}-${i}`} data-path={r.path} data-reason={r.reason}>
                <span className="rejected-path">{r.path}</span>
                <span className="rejected-reason">{REASON_LABELS[r.reason]}</span>
                <span className="rejected-detail">{r.detail}</span>
              </li>
            ))}
          </ul>
          {rejected.length > SHOWN ? <p className="muted">…and {rejected.length - SHOWN} more.</p> : null}
        </>
      ) : null}
      {notDropped.length > 0 ? (
        <details className="import-notes" data-testid="not-dropped-list">
          <summary>{notDropped.length} listed in the metadata, not dropped</summary>
          <ul>
            {notDropped.slice(0, SHOWN).map((m) => (
              <li key={m.path} data-path={m.path}>
                <span className="rejected-path">{m.path}</span> {notDroppedDetail(m)}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {notes.length > 0 ? (
        <details className="import-notes">
          <summary>
            {notes.length} note{notes.length === 1 ? '' : 's'} (changed, nothing lost)
          </summary>
          <ul>
            {notes.slice(0, SHOWN).map((n, i) => (
              <li key={`${n.path}-${i}`}>
                <span className="rejected-path">{n.path}</span> {n.note}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {rejected.length + notDropped.length + notes.length > 0 ? (
        <button
          type="button"
          className="secondary"
          onClick={() => {
            const lines = [
              ...formatReport({ ...report, rejected, notDropped }),
              ...notes.map((n) => `note ${n.path}: ${n.note}`),
            ];
            downloadBlob(new Blob([lines.join('\n') + '\n'], { type: 'text/plain' }), 'import-report.txt');
          }}
        >
          Download the full report
        </button>
      ) : null}
    </section>
  );
}
