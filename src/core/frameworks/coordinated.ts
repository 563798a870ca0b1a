import { tf } from '../tf';
import type { FrameworkDefinition, FrameworkModel } from './framework';
import { ParamStore } from '../models/params';
import { createDense, l2Normalize } from '../models/dense';
import { createImageEncoder, imageEncoderUnsupported } from '../models/imageEncoders';
import { createTextEncoder } from '../models/textEncoders';
import { infoNce } from '../losses/infoNce';
import { hingeRanking } from '../losses/hingeRanking';
import { createAudioTower, runModalities } from './audioTower';
import { modalityPairs, pairModalities } from '../data/modalities';

/** CLIP caps the learnt inverse temperature at 100 (τ ≥ 0.01) so logits cannot blow up. */
const MAX_LOG_SCALE = Math.log(100);

/**
 * Coordinated representation by cross-modal similarity: two towers, one per modality, each ending in a
 * linear projection to the shared space and L2 normalisation. The spaces are separate but constrained
 * by a similarity loss on matching pairs (InfoNCE / CLIP, or the hinge ranking losses of DeViSE, VSE, VSE++).
 * With more modalities (sound) there is one tower per modality and the loss is summed over every pair of
 * the run's modalities, so each pair's gap is asked to close, not only the image–text one.
 */
export const coordinated: FrameworkDefinition = {
  name: 'coordinated',
  title: 'Coordinated representation (similarity)',
  unsupported: (config, backend) => imageEncoderUnsupported(config.imageEncoder, backend),
  build({ config, vocab, rng, frozenWordVectors }): FrameworkModel {
    const params = new ParamStore();
    const image = createImageEncoder(config.imageEncoder, params, config.imageHidden, rng);
    const text = createTextEncoder(
      config.textEncoder,
      params,
      vocab.words.length,
      config.textHidden,
      rng,
      frozenWordVectors,
    );
    const imageHead = createDense(params, 'image/proj', image.outDim, config.dim, rng);
    const textHead = createDense(params, 'text/proj', text.outDim, config.dim, rng);
    // log(1/τ) as the trainable parameter keeps τ positive and makes its steps multiplicative.
    const logScale = config.learnTemperature
      ? (params.constant('logit_scale', [], Math.log(1 / config.temperature)) as tf.Scalar)
      : null;
    const scale = (): tf.Scalar | number =>
      logScale ? tf.exp(tf.clipByValue(logScale, 0, MAX_LOG_SCALE)) : 1 / config.temperature;
    const audio = createAudioTower(config, params, 'audio/proj', config.dim, rng);
    const pairs = modalityPairs(runModalities(config)).map(pairModalities);

    const embed: FrameworkModel['embed'] = (batch) => ({
      image: l2Normalize(imageHead.apply(image.apply(batch))),
      text: l2Normalize(textHead.apply(text.apply(batch))),
      ...(audio ? { audio: l2Normalize(audio.head.apply(audio.encoder.apply(batch))) } : {}),
    });
    const pairLoss = (x: tf.Tensor2D, y: tf.Tensor2D): tf.Scalar => {
      switch (config.loss) {
        case 'infonce':
          return infoNce(x, y, scale());
        case 'hinge':
          return hingeRanking(x, y, config.margin, 'sum');
        case 'vsepp':
          return hingeRanking(x, y, config.margin, 'hardest');
        default:
          throw new Error(`'${config.loss}' is not a loss of coordinated representation by similarity`);
      }
    };
    return {
      params,
      embed,
      loss(batch) {
        const codes = embed(batch);
        const terms = pairs.map(([a, b]) => pairLoss(codes[a] as tf.Tensor2D, codes[b] as tf.Tensor2D));
        return terms.length === 1 ? terms[0] : tf.addN(terms);
      },
      scalars: (): Record<string, tf.Scalar> =>
        logScale ? { temperature: tf.div<tf.Scalar>(1, scale()) } : {},
      // Similarity learning has no measurements beyond the common gap metrics.
      evaluate: () => Promise.resolve({ framework: 'coordinated' }),
      dispose: () => params.dispose(),
    };
  },
};
