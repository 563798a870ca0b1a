import { useMemo } from 'react';
import { smallEvaluationWarning } from '../../core/metrics/chance';
import type { DatasetName } from '../../core/experiment/commonParams';

/** What to change, by dataset: the setting that sizes its evaluation set. */
const REMEDY: Readonly<Record<DatasetName, string>> = {
  imported: 'raise “Evaluation share” in the Data settings, or import more pairs',
  shapes: 'raise “Evaluation pairs” in the Data settings',
  emoji: 'raise “Evaluation pairs” in the Data settings',
};

/**
 * A plain warning under the data line when the evaluation set is too small for its metrics to mean
 * anything (a 30-pair import split 24/6 scores R@1 1.000 by luck), saying what chance is and what to do.
 * keys: the evaluation pairs' semantic keys; dataset: which one, for what to change.
 */
export function SmallEvaluationNotice({ keys, dataset }: { keys: readonly string[]; dataset: DatasetName }) {
  const warning = useMemo(() => smallEvaluationWarning(keys, REMEDY[dataset]), [keys, dataset]);
  if (!warning) return null;
  return (
    <p className="data-warning" role="note" data-testid="eval-warning">
      {warning}
    </p>
  );
}
