import { useMemo } from 'react';
import type { JointEvaluation } from '../../core/frameworks/joint/evaluate';
import type { AccuracyReport } from '../../core/frameworks/joint/accuracyReport';
import { CONDITIONS, type Condition } from '../../core/frameworks/joint/conditionNames';
import type { LineSeries } from '../../plots/lineChart';
import { OKABE_ITO } from '../../plots/theme';
import { formatMetric } from '../format';
import { LineFigure } from './LineFigure';
import { conditionLabels } from './inspectedPair';

/** One colour per input condition: the pair green, the modalities their scatter colours. */
const CONDITION_STYLE: Record<Condition, Pick<LineSeries, 'colour' | 'dash'>> = {
  both: { colour: OKABE_ITO.bluishGreen, dash: 'solid' },
  imageOnly: { colour: OKABE_ITO.blue, dash: 'dashed' },
  textOnly: { colour: OKABE_ITO.orange, dash: 'dotted' },
};

const NOISE_OPTIONS = { xLabel: 'pixel noise σ', yLabel: 'accuracy', yDomain: [0, 1] as [number, number] };
const DROP_OPTIONS = {
  xLabel: 'share of caption words dropped',
  yLabel: 'accuracy',
  yDomain: [0, 1] as [number, number],
};

/** Attribute accuracy per input condition: the model's heads beside the linear probes (the unimodal baseline). */
export function JointAccuracy({ joint }: { joint: JointEvaluation }) {
  const { accuracy, probe } = joint;
  const main = accuracy ?? probe;
  if (!main) return null;
  const labels = conditionLabels(joint.conditionModalities);
  const best = main.imageOnly >= main.textOnly ? 'imageOnly' : 'textOnly';
  return (
    <div className="score-block">
      <table className="score-table" data-testid="joint-accuracy">
        <caption>Attribute accuracy by input (mean over shape, colour, size, position)</caption>
        <thead>
          <tr>
            <th scope="col">input</th>
            {accuracy ? <th scope="col">heads</th> : null}
            <th scope="col" title="A linear reader fitted to the training codes of that input alone">
              linear probe
            </th>
            <th scope="col">seen</th>
            <th scope="col">held-out</th>
          </tr>
        </thead>
        <tbody>
          {CONDITIONS.map((c) => (
            <tr key={c}>
              <th scope="row">{labels[c]}</th>
              {accuracy ? (
                <td className="num" data-testid={`joint-accuracy-${c}`} data-value={accuracy[c]}>
                  {formatMetric(accuracy[c], 2)}
                </td>
              ) : null}
              <td className="num" data-testid={`joint-probe-${c}`} data-value={probe?.[c] ?? ''}>
                {formatMetric(probe?.[c], 2)}
              </td>
              <td className="num">{formatMetric(main.seen[c], 2)}</td>
              <td className="num">{formatMetric(main.heldOut[c], 2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="small">
        {fusionSentence(main, labels[best])} The probe rows for {labels.imageOnly} and {labels.textOnly} are
        the <strong>unimodal baselines</strong>: what a reader trained on one modality’s codes can do.
      </p>
    </div>
  );
}

function fusionSentence(report: AccuracyReport, best: string): string {
  const gain = report.fusionGain;
  if (!Number.isFinite(gain)) return '';
  const sign = gain >= 0 ? '+' : '−';
  return `Fusing both inputs: ${sign}${Math.abs(gain).toFixed(2)} over the better single input (${best}).`;
}

/** Accuracy as noise hits the image, and as caption words go missing, per input condition. */
export function JointRobustness({ joint }: { joint: JointEvaluation }) {
  const labels = useMemo(() => conditionLabels(joint.conditionModalities), [joint.conditionModalities]);
  const noise = useMemo(
    () =>
      CONDITIONS.map((c) => ({
        key: c,
        label: labels[c],
        x: joint.robustness.map((p) => p.noise),
        y: joint.robustness.map((p) => p[c]),
        ...CONDITION_STYLE[c],
      })),
    [joint.robustness, labels],
  );
  const drop = useMemo(
    () =>
      CONDITIONS.map((c) => ({
        key: c,
        label: labels[c],
        x: joint.captionRobustness.map((p) => p.wordDrop),
        y: joint.captionRobustness.map((p) => p[c]),
        ...CONDITION_STYLE[c],
      })),
    [joint.captionRobustness, labels],
  );
  // A run without a picture (or a caption) has no noise (or word-dropout) curve.
  if (joint.robustness.length === 0 && joint.captionRobustness.length === 0) return null;
  return (
    <div className="score-block">
      {joint.robustness.length > 0 ? (
        <LineFigure
          title="Robustness: accuracy as pixel noise grows"
          series={noise}
          options={NOISE_OPTIONS}
          testId="joint-robustness"
          description={`attribute accuracy from ${labels.both}, ${labels.imageOnly} and ${labels.textOnly} as Gaussian noise is added to the images; the ${labels.textOnly} line stays flat.`}
        />
      ) : null}
      {joint.captionRobustness.length > 0 ? (
        <LineFigure
          title="Robustness: accuracy as caption words go missing"
          series={drop}
          options={DROP_OPTIONS}
          testId="joint-caption-robustness"
          description={`attribute accuracy as a growing share of each caption's words is removed; the ${labels.imageOnly} line stays flat.`}
        />
      ) : null}
    </div>
  );
}

/** How well the joint code gives back each modality, beside always answering the mean image. */
export function JointReconstructionScores({ joint }: { joint: JointEvaluation }) {
  const r = joint.reconstruction;
  if (!r) return null;
  const labels = conditionLabels(joint.conditionModalities);
  return (
    <div className="score-block">
      <table className="score-table" data-testid="joint-reconstruction-scores">
        <caption>Reconstruction from the joint code</caption>
        <thead>
          <tr>
            <th scope="col">input</th>
            <th scope="col" title="Mean squared pixel error at 16×16, values in [0, 1]; lower is better">
              image error
            </th>
            <th scope="col" title="Share of the caption's words among the most probable decoded words">
              words recovered
            </th>
          </tr>
        </thead>
        <tbody>
          {CONDITIONS.map((c) => (
            <tr key={c}>
              <th scope="row">{labels[c]}</th>
              <td className="num">{formatMetric(r.image.mse[c], 4)}</td>
              <td className="num">{formatMetric(r.caption.topWords[c], 2)}</td>
            </tr>
          ))}
          <tr className="baseline-row">
            <th scope="row">mean image (baseline)</th>
            <td className="num">{formatMetric(r.image.meanImageMse, 4)}</td>
            <td className="num">–</td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}
