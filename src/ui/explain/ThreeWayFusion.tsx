import type { ExperimentConfig } from '../../core/experiment/config';
import { Formula } from './Formula';
import { fusionCounts, THREE_WAY_LOWRANK, THREE_WAY_TENSOR } from './threeWayFusion';

/**
 * The survey's three-way tensor fusion, with its weight count for the widths in use beside the low-rank
 * form's: the product of the widths against their sum, the reason the low-rank form exists.
 */
export function ThreeWayFusion({ config }: { config: ExperimentConfig }) {
  const c = fusionCounts(config, 3);
  const trained = config.framework === 'joint' && config.modalities === 'image,text,audio';
  const ratio = c.tensor / c.lowRank;
  return (
    <div className="three-way-fusion" data-testid="three-way-fusion">
      <h3>Three-way tensor fusion: caption, image and sound</h3>
      <p>
        The survey writes tensor fusion for three modalities: language{' '}
        <var>
          z<sub>l</sub>
        </var>{' '}
        (the caption), visual{' '}
        <var>
          z<sub>v</sub>
        </var>{' '}
        (the image) and acoustic{' '}
        <var>
          z<sub>a</sub>
        </var>{' '}
        (the sound). Each vector gets a 1 appended, so the outer product holds every single-modality term,
        every product of two modalities and every product of all three.{' '}
        {trained
          ? 'This is the model being trained when the fusion is “tensor”.'
          : 'Choose the modalities “image + text + sound” to train it.'}
      </p>
      <Formula tex={THREE_WAY_TENSOR} />
      <p className="formula-caption">
        Weights, with vectors of size d = {c.d} and a joint code of size {c.out}: Π(d<sub>m</sub> + 1) · out +
        out
      </p>
      <Formula tex={c.tensorTex} />
      <p className="formula-caption">The low-rank form (Liu et al. 2018) with R = {c.rank} factors</p>
      <Formula tex={THREE_WAY_LOWRANK} />
      <Formula tex={c.lowRankTex} />
      <p data-testid="fusion-count-ratio">
        Tensor fusion needs {c.tensor.toLocaleString('en')} weights, {ratio.toFixed(0)}× the low-rank form’s{' '}
        {c.lowRank.toLocaleString('en')}: the full count grows with the <em>product</em> of the widths, the
        low-rank one with their <em>sum</em>.
      </p>
    </div>
  );
}
