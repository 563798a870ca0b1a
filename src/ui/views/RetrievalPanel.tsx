import { useId, useState } from 'react';
import { useController } from '../controllerContext';
import { useStore } from '../useStore';
import { Thumbnail } from './Thumbnail';
import { formatMetric } from '../format';
import { SelectedSound } from '../sound/SelectedSound';
import { CrossRetrieval } from './CrossRetrieval';

/**
 * Cross-modal retrieval on the current weights: type a caption to get the nearest evaluation images;
 * select an image (in the scatter or here) to get its nearest captions. Words the model never saw are
 * flagged, because they reach the text encoder as <unk>.
 */
export function RetrievalPanel() {
  const c = useController();
  const id = useId();
  const info = useStore(c.run, (s) => s.info);
  const results = useStore(c.selection, (s) => s.results);
  const selected = useStore(c.selection, (s) => s.selected);
  const imported = useStore(c.run, (s) => s.imported?.data ?? null);
  // Until the user types, the box suggests a query in this data's own words: a ShapeCaptions sentence,
  // or the first evaluation caption of emoji or imported pairs.
  const [typed, setText] = useState<string | null>(null);
  const evalSet = info?.evalSet;
  const text =
    typed ??
    (info?.config.dataset === 'shapes' || !evalSet?.captions[0]
      ? 'a large red circle in the top left'
      : evalSet.captions[0]);
  return (
    <section className="panel retrieval" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Retrieval</h2>
      <form
        className="search-row"
        onSubmit={(e) => {
          e.preventDefault();
          c.searchText(text);
        }}
      >
        <label htmlFor={id} className="visually-hidden">
          Describe an image
        </label>
        <input
          id={id}
          data-testid="search-input"
          type="search"
          value={text}
          maxLength={500}
          onChange={(e) => setText(e.target.value)}
          placeholder="Describe an image…"
        />
        <button type="submit" data-testid="search" disabled={!info}>
          Find images
        </button>
      </form>
      {info && selected !== null ? <SelectedSound info={info} index={selected} imported={imported} /> : null}
      <CrossRetrieval />
      {results && results.unknownWords.length > 0 ? (
        <p className="unknown-words" data-testid="unknown-words">
          Not in the vocabulary (read as “unknown”): {results.unknownWords.map((w) => `“${w}”`).join(', ')}
        </p>
      ) : null}
      {evalSet && results?.kind === 'images' ? (
        <ol className="image-results" data-testid="image-results" aria-label="Nearest images">
          {results.hits.map((h) => (
            <li key={h.index}>
              <button
                type="button"
                className="result-image"
                onClick={() => c.selectPair(h.index)}
                title={evalSet.captions[h.index]}
              >
                <Thumbnail
                  images={evalSet.images}
                  index={h.index}
                  scale={2}
                  label={evalSet.captions[h.index] ?? ''}
                />
                <span className="score">{formatMetric(h.score, 2)}</span>
              </button>
            </li>
          ))}
        </ol>
      ) : null}
      {evalSet && results?.kind === 'captions' && selected !== null ? (
        <div className="caption-results">
          <div className="query-image">
            <Thumbnail
              images={evalSet.images}
              index={selected}
              scale={3}
              label={evalSet.captions[selected] ?? ''}
            />
            <span>
              Its caption: <q>{evalSet.captions[selected]}</q>
            </span>
          </div>
          <ol data-testid="caption-results" aria-label="Nearest captions">
            {results.hits.map((h) => (
              <li
                key={h.index}
                className={evalSet.keys[h.index] === evalSet.keys[selected] ? 'match' : 'miss'}
              >
                <span className="score">{formatMetric(h.score, 2)}</span> {evalSet.captions[h.index]}
                {evalSet.keys[h.index] === evalSet.keys[selected] ? (
                  <span className="match-mark" aria-label="same meaning">
                    {' '}
                    ✓
                  </span>
                ) : null}
              </li>
            ))}
          </ol>
        </div>
      ) : null}
    </section>
  );
}
