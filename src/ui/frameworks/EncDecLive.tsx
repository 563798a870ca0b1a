import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { IMAGE_SIZE } from '../../core/data/pairs';
import type { EncDecInspection, EncDecPairInspection } from '../../core/frameworks/encdec/inspect';
import { useController } from '../controllerContext';
import { useStore } from '../useStore';
import { Thumbnail } from '../views/Thumbnail';
import { PixelImage } from './PixelImage';
import { nextPair, useInspectedPair } from './inspectedPair';

/** Typing settles for this long before the caption is drawn. */
const TYPING_MS = 250;
const DEFAULT_CAPTION = 'a large red circle in the top left';

/**
 * The encoder-decoder at work on the current weights, refreshed at every snapshot: the caption it
 * writes for the selected evaluation image next to that image's references, and the image it draws for
 * a caption the user types.
 */
export function EncDecLive({ canCaption, canDraw }: { canCaption: boolean; canDraw: boolean }) {
  const c = useController();
  const id = useId();
  const evalSet = useStore(c.run, (s) => s.info?.evalSet);
  const [text, setText] = useState(DEFAULT_CAPTION);
  const [typed, setTyped] = useState(DEFAULT_CAPTION);
  useEffect(() => {
    const t = setTimeout(() => setTyped(text), TYPING_MS);
    return () => clearTimeout(t);
  }, [text]);
  const captions = useMemo(() => (canDraw ? [typed] : undefined), [canDraw, typed]);
  const box = useRef<HTMLDivElement>(null);
  const { index, inspection, step } = useInspectedPair<EncDecInspection>('encdec', box, captions);
  const pair = inspection?.pairs[0];
  const drawn = inspection?.captions[0];
  const shown = pair?.index ?? index;
  return (
    <div ref={box} className="encdec-live" data-step={step ?? ''}>
      {canCaption ? (
        <div className="inspect-block" data-testid="caption-an-image">
          <div className="inspect-head">
            <h3>
              Caption an image: pair {shown}
              {evalSet?.heldOut[shown] ? <span className="tag tag-held">held-out combination</span> : null}
            </h3>
            <button
              type="button"
              className="secondary"
              onClick={() => c.selectPair(nextPair(index, evalSet?.size ?? 0))}
              disabled={!evalSet}
            >
              Next pair
            </button>
          </div>
          <div className="caption-view">
            {evalSet ? (
              <Thumbnail
                images={evalSet.images}
                index={shown}
                scale={3}
                label={evalSet.captions[shown] ?? ''}
              />
            ) : null}
            <div className="caption-text">
              <p className="generated-caption" data-testid="generated-caption">
                {pair?.caption ? pair.caption.text || '(empty caption)' : 'Writing…'}
              </p>
              {pair?.caption ? (
                <p className="muted small">
                  {inspection?.decoding === 'beam'
                    ? 'beam search'
                    : inspection?.decoding === 'greedy'
                      ? 'greedy decoding'
                      : 'sampled'}{' '}
                  · log p = {pair.caption.logProb.toFixed(2)}
                  {pair.caption.finished ? '' : ' · cut at the length limit'} · step {step}
                </p>
              ) : null}
              {pair?.attributes ? <SaidAttributes pair={pair} /> : null}
            </div>
          </div>
          {pair ? <References pair={pair} /> : null}
        </div>
      ) : null}
      {canDraw ? (
        <div className="inspect-block" data-testid="draw-a-caption">
          <h3>Draw a caption</h3>
          <form className="search-row" onSubmit={(e) => e.preventDefault()}>
            <label htmlFor={id} className="visually-hidden">
              A caption to draw
            </label>
            <input
              id={id}
              data-testid="draw-input"
              type="text"
              value={text}
              maxLength={200}
              onChange={(e) => setText(e.target.value)}
              placeholder="Describe an image to draw…"
            />
          </form>
          <div className="draw-view">
            {drawn?.image ? (
              <PixelImage
                rgb={drawn.image}
                size={IMAGE_SIZE}
                scale={4}
                label={`The image drawn for “${drawn.text}”`}
                testId="drawn-image"
              />
            ) : (
              <div className="drawn-placeholder">Drawing…</div>
            )}
            <div className="small">
              {drawn ? (
                <p>
                  Drawn for <q>{drawn.text}</q> at step {step}.
                </p>
              ) : null}
              {drawn && drawn.unknownWords.length > 0 ? (
                <p className="unknown-words" data-testid="draw-unknown">
                  Not in the vocabulary (read as “unknown”):{' '}
                  {drawn.unknownWords.map((w) => `“${w}”`).join(', ')}
                </p>
              ) : null}
            </div>
          </div>
        </div>
      ) : null}
    </div>
  );
}

/** Each attribute the caption names, right or wrong, and the ones it leaves out. */
function SaidAttributes({ pair }: { pair: EncDecPairInspection }) {
  return (
    <ul className="said-attributes" aria-label="Attributes named by the caption">
      {pair.attributes?.map((a) => {
        const state = a.said === null ? 'missing' : a.said === a.truth ? 'right' : 'wrong';
        return (
          <li key={a.name} className={`word-chip ${state}`} title={`truth: ${a.truth}`}>
            {a.name}: {a.said ?? 'not said'}{' '}
            {state === 'right' ? '✓' : state === 'wrong' ? `✗ (${a.truth})` : ''}
          </li>
        );
      })}
    </ul>
  );
}

function References({ pair }: { pair: EncDecPairInspection }) {
  const alternatives = pair.caption?.alternatives?.slice(1, 4) ?? [];
  return (
    <div className="references small">
      <span className="muted">References:</span>
      <ul>
        {pair.references.map((r, i) => (
          <li key={i}>{r}</li>
        ))}
      </ul>
      {alternatives.length > 0 ? (
        <details>
          <summary>Other beams</summary>
          <ul>
            {alternatives.map((a, i) => (
              <li key={i}>
                {a.text} <span className="muted">(log p {a.logProb.toFixed(2)})</span>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
