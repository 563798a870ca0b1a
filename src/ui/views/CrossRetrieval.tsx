import { useId, useState } from 'react';
import type { Modality } from '../../core/data/modalities';
import { shownSnapshot } from '../../state/runState';
import { useController } from '../controllerContext';
import { useStore } from '../useStore';
import { formatMetric } from '../format';
import { Thumbnail } from './Thumbnail';
import { retrieveAcross } from './anyRetrieval';
import { MODALITY_NOUN, snapshotModalities } from './modalityCodes';

const K = 5;

/**
 * Retrieval between any two of the run's modalities, for runs with sound: pick what the query is (the
 * selected item's image, caption or sound) and what to search (images, captions or sounds); the nearest
 * items come back with their picture and caption, a ✓ where they mean the same as the query.
 */
export function CrossRetrieval() {
  const c = useController();
  const id = useId();
  const shown = useStore(c.run, shownSnapshot);
  const info = useStore(c.run, (s) => s.info);
  const selected = useStore(c.selection, (s) => s.selected);
  const modalities = shown ? snapshotModalities(shown) : [];
  const [pick, setPick] = useState<{ from: Modality; to: Modality }>({ from: 'audio', to: 'text' });
  // A choice the run lacks falls back on its first two modalities.
  const from = modalities.includes(pick.from) ? pick.from : (modalities[0] ?? 'image');
  const to =
    modalities.includes(pick.to) && pick.to !== from
      ? pick.to
      : (modalities.find((m) => m !== from) ?? 'text');
  // Cheap enough to compute on each render (the React compiler memoises it).
  const hits = shown && selected !== null ? retrieveAcross(shown, from, to, selected, K) : [];
  if (!shown || !info || modalities.join() === 'image,text') return null;
  const evalSet = info.evalSet;
  const picker = (which: 'from' | 'to', value: Modality) => (
    <select
      id={`${id}-${which}`}
      data-testid={`retrieve-${which}`}
      value={value}
      onChange={(e) => setPick((p) => ({ ...p, [which]: e.target.value as Modality }))}
    >
      {modalities.map((m) => (
        <option key={m} value={m} disabled={which === 'to' && m === from}>
          {which === 'from' ? `its ${MODALITY_NOUN[m].one}` : MODALITY_NOUN[m].many}
        </option>
      ))}
    </select>
  );
  return (
    <div className="cross-retrieval" data-testid="cross-retrieval">
      <p className="search-row">
        <label htmlFor={`${id}-from`}>From the selected item’s</label> {picker('from', from)}{' '}
        <label htmlFor={`${id}-to`}>find the nearest</label> {picker('to', to)}
      </p>
      {selected === null ? (
        <p className="muted">Click a point in the shared space to choose the query item.</p>
      ) : (
        <ol
          className="cross-results"
          data-testid="cross-results"
          aria-label={`Nearest ${MODALITY_NOUN[to].many}`}
        >
          {hits.map((h) => {
            const same = evalSet.keys[h.index] === evalSet.keys[selected];
            return (
              <li key={h.index} className={same ? 'match' : 'miss'}>
                <button type="button" className="result-image" onClick={() => c.selectPair(h.index)}>
                  <Thumbnail
                    images={evalSet.images}
                    index={h.index}
                    scale={1}
                    label={evalSet.captions[h.index] ?? ''}
                  />
                </button>{' '}
                <span className="score">{formatMetric(h.score, 2)}</span> {MODALITY_NOUN[to].one} of item{' '}
                {h.index}: {evalSet.captions[h.index]}
                {same ? (
                  <span className="match-mark" aria-label="same meaning">
                    {' '}
                    ✓
                  </span>
                ) : null}
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}
