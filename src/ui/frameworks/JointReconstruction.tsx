import { useRef } from 'react';
import type { JointInspection, JointPairInspection } from '../../core/frameworks/joint/inspect';
import { CONDITIONS } from '../../core/frameworks/joint/conditionNames';
import { useController } from '../controllerContext';
import { useStore } from '../useStore';
import { Thumbnail } from '../views/Thumbnail';
import { PixelImage } from './PixelImage';
import { nextPair, useConditionLabels, useInspectedPair } from './inspectedPair';

/** Decoded words shown per condition. */
const WORDS = 8;

/**
 * One evaluation pair beside what the joint code gives back: the image decoded from the code of the pair,
 * of the image alone and of the caption alone (the last is cross-modal generation through the joint
 * space), the most probable words of the decoded bag of words, and the attributes the heads read.
 * Live on the current weights.
 */
export function JointReconstruction() {
  const c = useController();
  const labels = useConditionLabels();
  const evalSet = useStore(c.run, (s) => s.info?.evalSet);
  const box = useRef<HTMLDivElement>(null);
  const { index, inspection, step } = useInspectedPair<JointInspection>('joint', box);
  const pair = inspection?.pairs[0];
  const shown = pair?.index ?? index;
  return (
    <div ref={box} className="inspect-block" data-testid="joint-reconstruction" data-step={step ?? ''}>
      <div className="inspect-head">
        <h3>
          Pair {shown}
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
      {evalSet ? (
        <div className="recon-row">
          <figure>
            <Thumbnail
              images={evalSet.images}
              index={shown}
              scale={2}
              label={evalSet.captions[shown] ?? ''}
            />
            <figcaption>input</figcaption>
          </figure>
          {pair?.images
            ? CONDITIONS.map((cond) => (
                <figure key={cond}>
                  <PixelImage
                    rgb={(pair.images as NonNullable<JointPairInspection['images']>)[cond]}
                    size={inspection?.reconSize ?? 16}
                    scale={64 / (inspection?.reconSize ?? 16)}
                    label={`Image decoded from the joint code of the ${labels[cond]}`}
                    testId={`recon-image-${cond}`}
                  />
                  <figcaption>from {labels[cond]}</figcaption>
                </figure>
              ))
            : null}
        </div>
      ) : null}
      {!pair ? (
        <p className="muted">Decoding…</p>
      ) : (
        <>
          <p className="caption-line">
            Caption: <q>{pair.caption}</q>
          </p>
          {pair.words ? <DecodedWords pair={pair} common={inspection?.commonWords ?? []} /> : null}
          {pair.attributes ? <HeadReadings attributes={pair.attributes} /> : null}
          {!pair.images ? (
            <p className="muted">
              No decoders: the objective is supervised only, so nothing is reconstructed. Choose the
              autoencoder objective (or both) to see reconstructions.
            </p>
          ) : (
            <p className="muted small">
              Images are decoded at {inspection?.reconSize}×{inspection?.reconSize}, the resolution the
              decoder is trained to reconstruct. Step {step}.
            </p>
          )}
        </>
      )}
    </div>
  );
}

/** The decoded bag of words per condition; words of the caption are marked. */
function DecodedWords({ pair, common }: { pair: JointPairInspection; common: readonly string[] }) {
  const labels = useConditionLabels();
  const words = pair.words as NonNullable<JointPairInspection['words']>;
  const inCaption = new Set(pair.captionWords);
  return (
    <table className="word-table" data-testid="recon-words">
      <caption>
        Most probable decoded words (✓ in the caption)
        {common.length > 0 ? (
          <span className="muted">
            {' '}
            · leaving out {common.map((w) => `“${w}”`).join(', ')}, in most captions
          </span>
        ) : null}
      </caption>
      <tbody>
        {CONDITIONS.map((cond) => (
          <tr key={cond}>
            <th scope="row">{labels[cond]}</th>
            <td>
              {words[cond].slice(0, WORDS).map((w) => (
                <span
                  key={w.word}
                  className={`word-chip ${inCaption.has(w.word) ? 'hit' : ''}`}
                  title={`p = ${w.p.toFixed(3)}`}
                >
                  {w.word}
                  {inCaption.has(w.word) ? ' ✓' : ''}
                </span>
              ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** What the attribute heads read from each joint code, beside the truth. */
function HeadReadings({ attributes }: { attributes: NonNullable<JointPairInspection['attributes']> }) {
  const labels = useConditionLabels();
  return (
    <table className="attribute-table" data-testid="head-readings">
      <caption>Attributes the heads read from the joint code</caption>
      <thead>
        <tr>
          <th scope="col">input</th>
          {attributes.names.map((n) => (
            <th scope="col" key={n}>
              {n}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        <tr className="truth-row">
          <th scope="row">truth</th>
          {attributes.truth.map((v, a) => (
            <td key={a}>{v}</td>
          ))}
        </tr>
        {CONDITIONS.map((cond) => (
          <tr key={cond}>
            <th scope="row">{labels[cond]}</th>
            {attributes.read[cond].map((v, a) => (
              <td key={a} className={v === attributes.truth[a] ? 'right' : 'wrong'}>
                {v}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
