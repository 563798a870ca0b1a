import { useMemo } from 'react';
import type { SplitAttributeScores } from '../../core/frameworks/encdec/attributeAccuracy';
import type { EncDecEvaluation } from '../../core/frameworks/encdec/evaluate';
import { useController } from '../controllerContext';
import { useStore } from '../useStore';
import { formatMetric } from '../format';
import { LineFigure } from './LineFigure';
import { generationSeries, perplexitySeries } from './encdecSeries';

const PERPLEXITY_OPTIONS = { xLabel: 'step', yLabel: 'perplexity' };
const SCORE_OPTIONS = { xLabel: 'step', yLabel: 'share right', yDomain: [0, 1] as [number, number] };

/** Perplexity and BLEU, attribute accuracy of the generations per attribute, and both over training. */
export function EncDecScores({ encdec }: { encdec: EncDecEvaluation }) {
  const c = useController();
  const snapshots = useStore(c.run, (s) => s.snapshots);
  const captions = encdec.captionAccuracy !== null || encdec.bleu !== null;
  const images = encdec.imageAccuracy !== null;
  const perplexity = useMemo(() => perplexitySeries(snapshots), [snapshots]);
  const scores = useMemo(() => generationSeries(snapshots, captions, images), [snapshots, captions, images]);
  return (
    <div className="score-block">
      {encdec.bleu ? (
        <p className="panel-numbers">
          perplexity{' '}
          <strong data-testid="encdec-perplexity" data-value={encdec.perplexity ?? ''}>
            {formatMetric(encdec.perplexity, 2)}
          </strong>{' '}
          · BLEU-1..4{' '}
          <strong data-testid="encdec-bleu" data-value={encdec.bleu.join(',')}>
            {encdec.bleu.map((b) => formatMetric(b, 2)).join(' / ')}
          </strong>
          <span className="muted"> on {encdec.items} evaluation pairs</span>
        </p>
      ) : null}
      <AttributeTable encdec={encdec} />
      {encdec.perplexity !== null ? (
        <LineFigure
          title="Perplexity of the true captions"
          series={perplexity}
          options={PERPLEXITY_OPTIONS}
          height={150}
          testId="encdec-perplexity-chart"
          description="exp of the mean negative log-likelihood per caption word; it falls as the decoder learns."
        />
      ) : null}
      <LineFigure
        title="Attributes right (mean of four) and BLEU-4, seen vs held-out"
        series={scores}
        options={SCORE_OPTIONS}
        height={220}
        testId="encdec-scores-chart"
        description="mean attribute accuracy of generated captions and drawn images, and BLEU-4, over training."
      />
    </div>
  );
}

/** Attribute accuracy per attribute: captions read with the grammar, drawn images read by the judge. */
function AttributeTable({ encdec }: { encdec: EncDecEvaluation }) {
  const columns: { label: string; title: string; scores: SplitAttributeScores }[] = [];
  if (encdec.captionAccuracy)
    columns.push({
      label: 'caption',
      title: 'Attributes the generated caption names correctly',
      scores: encdec.captionAccuracy,
    });
  if (encdec.imageAccuracy)
    columns.push({
      label: 'drawn image',
      title: 'Attributes an independent classifier sees in the image drawn from the caption',
      scores: encdec.imageAccuracy,
    });
  if (encdec.judgeAccuracy)
    columns.push({
      label: 'real image',
      title: 'The same classifier on the real images: the ceiling for drawn images',
      scores: encdec.judgeAccuracy,
    });
  if (columns.length === 0) return null;
  const names = Object.keys(columns[0].scores.seen).filter((k) => k !== 'all' && k !== 'count');
  return (
    <table className="score-table" data-testid="encdec-attributes">
      <caption>Attributes right in the generations (seen / held-out)</caption>
      <thead>
        <tr>
          <th scope="col">attribute</th>
          {columns.map((col) => (
            <th scope="col" key={col.label} title={col.title}>
              {col.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {[...names, 'all'].map((name) => (
          <tr key={name} className={name === 'all' ? 'total-row' : ''}>
            <th scope="row">{name === 'all' ? 'all four' : name}</th>
            {columns.map((col) => (
              <td
                className="num"
                key={col.label}
                data-testid={`encdec-${col.label.replace(' ', '-')}-${name}`}
              >
                {formatMetric(col.scores.seen[name], 2)} / {formatMetric(col.scores.heldOut[name], 2)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
