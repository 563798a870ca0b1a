import { useId, useMemo } from 'react';
import type { JointInspection } from '../../core/frameworks/joint/inspect';
import { shownSnapshot } from '../../state/runState';
import { useController } from '../controllerContext';
import { useStore } from '../useStore';
import { formatCount } from '../format';
import { Thumbnail } from '../views/Thumbnail';
import { PixelImage } from './PixelImage';
import { ProbeGrid } from './ProbeGrid';
import { probeHistory } from './probeRows';
import { JointReconstruction } from './JointReconstruction';
import { JointAccuracy, JointReconstructionScores, JointRobustness } from './JointScores';
import { useConditionLabels } from './inspectedPair';

/** Rows of the reconstructions-over-training grid. */
const GRID_ROWS = 6;

/**
 * Joint representation's own views: the fusion's size, reconstructions of a pair beside its inputs,
 * attribute accuracy per input condition against the unimodal baselines, the robustness curves and the
 * reconstruction errors, and the reconstructions of a few fixed pairs over training time.
 */
export function JointPanel() {
  const c = useController();
  const id = useId();
  const shown = useStore(c.run, shownSnapshot);
  const joint = shown?.extra.framework === 'joint' ? shown.extra.joint : undefined;
  return (
    <section className="panel framework-panel joint-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Joint representation</h2>
      {joint ? (
        <p className="panel-numbers">
          <strong>{joint.fusion}</strong> fusion:{' '}
          <strong data-testid="fusion-parameters" data-value={joint.parameters.fusion}>
            {joint.parameters.fusion.toLocaleString('en')}
          </strong>{' '}
          weights of {formatCount(joint.parameters.total)} · objective <strong>{joint.objective}</strong>
        </p>
      ) : (
        <p className="muted">Waiting for the first evaluation…</p>
      )}
      {joint?.note ? <p className="notice notice-info">{joint.note}</p> : null}
      <JointReconstruction />
      {joint ? (
        <>
          <JointAccuracy joint={joint} />
          <JointRobustness joint={joint} />
          <JointReconstructionScores joint={joint} />
        </>
      ) : null}
      <ReconstructionsOverTime />
    </section>
  );
}

/** The fixed probe pairs' reconstructions from the full pair at each snapshot, oldest at the top. */
function ReconstructionsOverTime() {
  const c = useController();
  const labels = useConditionLabels();
  const snapshots = useStore(c.run, (s) => s.snapshots);
  const scrub = useStore(c.run, (s) => s.scrub);
  const evalSet = useStore(c.run, (s) => s.info?.evalSet);
  const rows = useMemo(
    () => probeHistory<JointInspection>(snapshots, 'joint', GRID_ROWS, scrub ?? undefined),
    [snapshots, scrub],
  );
  const last = rows[rows.length - 1]?.probes;
  if (!evalSet || !last || !last.pairs[0]?.images) return null;
  const size = last.reconSize;
  return (
    <ProbeGrid
      title={`Reconstructions over training (from ${labels.both})`}
      testId="joint-probe-grid"
      headers={last.pairs.map((p) => (
        <>
          <Thumbnail images={evalSet.images} index={p.index} scale={1.5} label={p.caption} />
          <span className={`tag ${evalSet.heldOut[p.index] ? 'tag-held' : ''}`}>
            {evalSet.heldOut[p.index] ? 'held-out' : 'seen'}
          </span>
        </>
      ))}
      rows={rows.map(({ step, probes }) => ({
        step,
        cells: probes.pairs.map((p) => (
          <>
            {p.images ? (
              <PixelImage rgb={p.images.both} size={size} scale={48 / size} label={`step ${step}`} />
            ) : null}
            <span className="probe-words">
              {p.words?.both
                .slice(0, 3)
                .map((w) => w.word)
                .join(' ')}
            </span>
          </>
        )),
      }))}
    />
  );
}
