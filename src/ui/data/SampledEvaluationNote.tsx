import { shownSnapshot } from '../../state/runState';
import { useController } from '../controllerContext';
import { useStore } from '../useStore';
import { sampledEvaluationNote } from './sampledEvaluation';

/** Under the data line, on a large evaluation set: whether the metrics shown are the sample's or all pairs'. */
export function SampledEvaluationNote() {
  const c = useController();
  const total = useStore(c.run, (s) => s.info?.evalSet.size ?? 0);
  const shown = useStore(c.run, shownSnapshot);
  const evaluated = shown?.evaluated ?? total;
  const note = shown ? sampledEvaluationNote(evaluated, total, shown.step) : null;
  if (!note) return null;
  return (
    <p className="data-status" role="note" data-testid="eval-sample-note" data-evaluated={evaluated}>
      {note}
    </p>
  );
}
