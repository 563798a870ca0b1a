/** Counting and reporting an import's outcome, in plain text for the runner's stderr and the app's list. */
import { REJECT_REASONS, type ImportSummary, type RejectReason, type Rejection } from './types';

export function summarise(
  items: readonly { captions: readonly string[] }[],
  rejected: readonly Rejection[],
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
  };
}

/** Rejections ordered by path (then as found), so a report reads like a folder listing. */
export function byPath(rejected: readonly Rejection[]): Rejection[] {
  return [...rejected].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
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
};

/** Characters that would break a one-line report (newlines, tabs, controls) shown as '?'. */
// eslint-disable-next-line no-control-regex
const oneLine = (s: string) => s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '?');

/** One line per rejected item ('rejected photos/a.png: truncated: is cut off ...'), then the summary. */
export function formatReport(result: { rejected: readonly Rejection[]; summary: ImportSummary }): string[] {
  const lines = result.rejected.map(
    (r) => `rejected ${oneLine(r.path)}: ${REASON_LABELS[r.reason]}: ${oneLine(r.detail)}`,
  );
  lines.push(summaryLine(result.summary));
  return lines;
}

export function summaryLine(s: ImportSummary): string {
  const reasons = REJECT_REASONS.filter((r) => s.rejected[r] > 0).map(
    (r) => `${s.rejected[r]} ${REASON_LABELS[r]}`,
  );
  return (
    `imported ${s.images} images with ${s.captions} captions (${s.pairs} pairs); ` +
    `rejected ${s.rejectedTotal}${reasons.length > 0 ? ` (${reasons.join(', ')})` : ''}`
  );
}
