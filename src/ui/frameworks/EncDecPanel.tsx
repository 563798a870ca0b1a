import { useId, useMemo } from 'react';
import { IMAGE_SIZE } from '../../core/data/pairs';
import { CONFIG_SPEC } from '../../core/experiment/config';
import { optionLabel } from '../../core/experiment/paramSpec';
import type { EncDecInspection } from '../../core/frameworks/encdec/inspect';
import { shownSnapshot } from '../../state/runState';
import { useController } from '../controllerContext';
import { useStore } from '../useStore';
import { Thumbnail } from '../views/Thumbnail';
import { PixelImage } from './PixelImage';
import { ProbeGrid } from './ProbeGrid';
import { probeHistory } from './probeRows';
import { encdecOf } from './encdecSeries';
import { EncDecLive } from './EncDecLive';
import { EncDecScores } from './EncDecScores';

/** Rows of the generations-over-training grid. */
const GRID_ROWS = 6;

/**
 * The encoder-decoder's own views: live captioning of a chosen image and drawing of a typed caption,
 * the generation metrics, and the generations of a few fixed pairs over training time.
 */
export function EncDecPanel() {
  const c = useController();
  const id = useId();
  const config = useStore(c.run, (s) => s.config);
  const shown = useStore(c.run, shownSnapshot);
  const encdec = encdecOf(shown);
  const canCaption = config.direction !== 't2i';
  const canDraw = config.direction !== 'i2t';
  return (
    <section className="panel framework-panel encdec-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Encoder–decoder</h2>
      <p className="panel-numbers">
        {canCaption && canDraw
          ? 'Captions images and draws captions'
          : canCaption
            ? 'Captions images (image → caption): choose caption → image or both directions to draw captions too'
            : 'Draws captions (caption → image): choose image → caption or both directions to caption images too'}
        {canCaption ? (
          <>
            {' '}
            · decoding <strong>{optionLabel(CONFIG_SPEC.decoding, config.decoding)}</strong>
            {config.decoding === 'beam' ? ` (width ${config.beamWidth})` : ''}
          </>
        ) : null}
      </p>
      <EncDecLive canCaption={canCaption} canDraw={canDraw} />
      {encdec ? <EncDecScores encdec={encdec} /> : <p className="muted">Waiting for the first evaluation…</p>}
      <GenerationsOverTime />
    </section>
  );
}

/** The fixed probe pairs' caption and drawn image at each snapshot, oldest at the top. */
function GenerationsOverTime() {
  const c = useController();
  const snapshots = useStore(c.run, (s) => s.snapshots);
  const scrub = useStore(c.run, (s) => s.scrub);
  const evalSet = useStore(c.run, (s) => s.info?.evalSet);
  const rows = useMemo(
    () => probeHistory<EncDecInspection>(snapshots, 'encdec', GRID_ROWS, scrub ?? undefined),
    [snapshots, scrub],
  );
  const last = rows[rows.length - 1]?.probes;
  if (!evalSet || !last) return null;
  return (
    <ProbeGrid
      title="Generations over training: each column one evaluation pair"
      testId="generations-grid"
      headers={last.pairs.map((p) => (
        <>
          <Thumbnail images={evalSet.images} index={p.index} scale={1.5} label={p.references[0] ?? ''} />
          <span className={`tag ${p.heldOut ? 'tag-held' : ''}`}>{p.heldOut ? 'held-out' : 'seen'}</span>
          <span className="probe-reference">{p.references[0]}</span>
        </>
      ))}
      rows={rows.map(({ step, probes }) => ({
        step,
        cells: probes.pairs.map((p) => {
          const total = p.attributes?.length ?? 0;
          const right = p.attributes?.filter((a) => a.said === a.truth).length;
          return (
            <>
              {p.drawn ? (
                <PixelImage rgb={p.drawn} size={IMAGE_SIZE} scale={1.5} label={`Drawn at step ${step}`} />
              ) : null}
              {p.caption ? (
                <span className="probe-caption" data-testid="probe-caption" title={p.caption.text}>
                  {p.caption.text}
                </span>
              ) : null}
              {right !== undefined ? (
                <span className={`probe-score ${right === total ? 'right' : ''}`}>
                  {right}/{total} right
                </span>
              ) : null}
            </>
          );
        }),
      }))}
    />
  );
}
