import type { FrozenTextInfo } from '../../training/protocol';

/**
 * What the frozen GloVe encoder teaches, beside the setting: vectors learnt from which words appear near
 * which put opposites close, because opposites appear in the same places. Cosines are measured in the
 * loaded vectors, not quoted.
 */
export function GloveLesson({ info }: { info: FrozenTextInfo | undefined }) {
  return (
    <section
      className="glove-lesson"
      data-testid="glove-lesson"
      aria-label="What the GloVe text encoder shows"
    >
      <h3>Frozen GloVe text encoder</h3>
      <p>
        Each caption is the average of its words’ GloVe vectors, never updated: only the projection into the
        shared space learns. GloVe learnt words from the company they keep, and opposites keep the same
        company (“on the left”, “on the right”), so it places them close together:
      </p>
      {info ? (
        <>
          <table className="cosine-table">
            <thead>
              <tr>
                <th scope="col">words</th>
                <th scope="col">cosine</th>
              </tr>
            </thead>
            <tbody>
              {info.cosines.map((c) => (
                <tr key={`${c.a}-${c.b}`} data-testid={`glove-cos-${c.a}-${c.b}`} data-value={c.cosine}>
                  <td>
                    {c.a} / {c.b}
                  </td>
                  <td className="num">{c.cosine.toFixed(2)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted">
            GloVe knows {info.known} of this run’s {info.total} words; unknown words add nothing. Expect sizes
            and positions to be confused more than with a learnt encoder.
          </p>
        </>
      ) : (
        <p className="muted">Loading the vectors…</p>
      )}
    </section>
  );
}
