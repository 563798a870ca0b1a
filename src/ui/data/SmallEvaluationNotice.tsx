import { useMemo } from 'react';
import { smallEvaluationWarning } from '../../core/metrics/chance';

/**
 * A plain warning under the data line when the evaluation set is too small for its metrics to mean
 * anything (a 30-pair import split 24/6 scores R@1 1.000 by luck), saying what chance is and what to do.
 * keys: the evaluation pairs' semantic keys.
 */
export function SmallEvaluationNotice({ keys }: { keys: readonly string[] }) {
  const warning = useMemo(() => smallEvaluationWarning(keys), [keys]);
  if (!warning) return null;
  return (
    <p className="data-warning" role="note" data-testid="eval-warning">
      {warning}
    </p>
  );
}
