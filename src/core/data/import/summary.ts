/** Counting and reporting an import's outcome, in plain text for the runner's stderr and the app's list. */
import {
  REJECT_REASONS,
  type ImportSummary,
  type ListedNotDropped,
  type RejectReason,
  type Rejection,
} from './types';

/** notDropped: how many images metadata lists that were not given (counted apart from rejections). */
export function summarise(
  items: readonly { captions: readonly string[] }[],
  rejected: readonly Rejection[],
  notDropped = 0,
): ImportSummary {
  const counts = Object.fromEntries(REJECT_REASONS.map((r) => [r, 0])) as Record<RejectReason, number>;
  for (const r of rejected) counts[r.reason]++;
  const captions = items.reduce((n, item) => n + item.captions.length, 0);
  return {
    pairs: captions,
    images: items.length,
    captions,
    rejected: counts,
    rejectedTotal: rejected.length,
    notDropped,
  };
}

/** Numbers inside names compare as numbers: `metadata.jsonl:4` before `:10`, `img2.png` before `img10.png`. */
const natural = new Intl.Collator('en', { numeric: true });

/** Paths in natural order, then code-unit order (so the order never depends on ties). */
export function comparePaths(a: string, b: string): number {
  return natural.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** Items ordered by path, naturally (then as found), so a report reads like a folder listing. */
export function byPath<T extends { readonly path: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => comparePaths(a.path, b.path));
}

/** Reasons in words, for the summary line and for grouping the list in the app. */
export const REASON_LABELS: Readonly<Record<RejectReason, string>> = {
  'unsupported-type': 'unsupported type',
  'empty-file': 'empty file',
  undecodable: 'undecodable',
  truncated: 'truncated',
  'missing-caption': 'missing caption',
  'empty-caption': 'empty caption',
  duplicate: 'duplicate',
  'too-large': 'too large',
  'too-many-pixels': 'too many pixels',
  'decompression-bomb': 'decompression bomb',
  'unsafe-path': 'unsafe path',
  'hidden-file': 'hidden file',
  'bad-metadata': 'bad metadata',
  'too-many-files': 'too many files',
  'missing-audio': 'missing sound',
  'silent-audio': 'silent sound',
  'too-long-audio': 'sound too long',
};

/** Characters that would break a one-line report (newlines, tabs, controls) shown as '?'. */
// eslint-disable-next-line no-control-regex
const oneLine = (s: string) => s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '?');

/**
 * One line per rejected item ('rejected photos/a.png: truncated: is cut off ...'), one per image listed in
 * metadata but not given ('not dropped metadata.jsonl:4: lists cat.png'), then the summary.
 */
export function formatReport(result: {
  rejected: readonly Rejection[];
  notDropped?: readonly ListedNotDropped[];
  summary: ImportSummary;
}): string[] {
  const lines = result.rejected.map(
    (r) => `rejected ${oneLine(r.path)}: ${REASON_LABELS[r.reason]}: ${oneLine(r.detail)}`,
  );
  for (const m of result.notDropped ?? [])
    lines.push(`not dropped ${oneLine(m.path)}: ${notDroppedDetail(m)}`);
  lines.push(summaryLine(result.summary));
  return lines;
}

/** What a listed-but-not-dropped row says, in words: "lists 'cat.png' (3 rows), which was not dropped". */
export function notDroppedDetail(m: ListedNotDropped): string {
  return `lists '${oneLine(m.file)}'${m.rows > 1 ? ` (${m.rows} rows)` : ''}, which was not among the files`;
}

export function summaryLine(s: ImportSummary): string {
  const reasons = REJECT_REASONS.filter((r) => s.rejected[r] > 0).map(
    (r) => `${s.rejected[r]} ${REASON_LABELS[r]}`,
  );
  return (
    `imported ${s.images} images with ${s.captions} captions (${s.pairs} pairs); ` +
    `rejected ${s.rejectedTotal}${reasons.length > 0 ? ` (${reasons.join(', ')})` : ''}` +
    (s.notDropped ? `; ${s.notDropped} listed in metadata but not dropped (not rejected)` : '')
  );
}
