import type { ReactNode } from 'react';

/**
 * A grid over training time: one row per snapshot (its step on the left), one column per probe pair,
 * with the probe inputs as the header, so a column reads downwards as one item improving.
 */
export function ProbeGrid({
  title,
  headers,
  rows,
  testId,
}: {
  title: string;
  headers: ReactNode[];
  rows: { step: number; cells: ReactNode[] }[];
  testId: string;
}) {
  const columns = `3.2em repeat(${headers.length}, minmax(0, 1fr))`;
  return (
    <figure className="probe-grid" data-testid={testId} data-rows={rows.length}>
      <figcaption>{title}</figcaption>
      <div className="probe-grid-table" role="table" aria-label={title}>
        <div className="probe-grid-row probe-grid-head" role="row" style={{ gridTemplateColumns: columns }}>
          <span role="columnheader" className="probe-step">
            step
          </span>
          {headers.map((h, i) => (
            <div role="columnheader" key={i} className="probe-cell">
              {h}
            </div>
          ))}
        </div>
        {rows.map((row) => (
          <div className="probe-grid-row" role="row" key={row.step} style={{ gridTemplateColumns: columns }}>
            <span role="rowheader" className="probe-step">
              {row.step}
            </span>
            {row.cells.map((cell, i) => (
              <div role="cell" key={i} className="probe-cell">
                {cell}
              </div>
            ))}
          </div>
        ))}
      </div>
    </figure>
  );
}
