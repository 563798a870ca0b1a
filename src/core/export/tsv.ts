/** Tab-separated and comma-separated text, written so that no user text can break a row or a column. */

/** A TSV cell: tabs, line breaks and other control characters become spaces (TSV has no quoting). */
export function tsvCell(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();
}

/**
 * A CSV cell (RFC 4180): quoted when it holds a comma, quote or line break, quotes doubled. Text that
 * starts like a formula (=, +, -, @) gets a leading apostrophe so a spreadsheet shows it instead of
 * running it; numbers are written as they are.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Rows of cells joined with `sep`, each row ended by a newline. */
export function joinRows(rows: readonly (readonly string[])[], sep: string): string {
  return rows.map((r) => r.join(sep) + '\n').join('');
}
