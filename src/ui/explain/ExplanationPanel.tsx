import type { ReactNode } from 'react';
import type { ExperimentConfig } from '../../core/experiment/config';
import { modalitiesOf, type Modality } from '../../core/data/modalities';
import { useController } from '../controllerContext';
import { useStore } from '../useStore';
import { Formula } from './Formula';
import { CoordinatedDiagram, EncDecDiagram, JointDiagram } from './diagrams';
import { encdecFormulas, jointFormulas, type FormulaLine } from './frameworkFormulas';
import { ThreeWayFusion } from './ThreeWayFusion';

interface Explanation {
  title: string;
  /** Where the framework sits in the survey's taxonomy. */
  term: string;
  diagram: ReactNode;
  formulas: FormulaLine[];
  words: ReactNode;
}

const LOSS_FORMULAS: Record<string, { name: string; tex: string; words: string }> = {
  infonce: {
    name: 'InfoNCE',
    tex: String.raw`\mathcal{L} = -\frac{1}{2B}\sum_{i=1}^{B}\left[\log\frac{e^{x_i^\top y_i/\tau}}{\sum_{j} e^{x_i^\top y_j/\tau}} + \log\frac{e^{x_i^\top y_i/\tau}}{\sum_{j} e^{x_j^\top y_i/\tau}}\right]`,
    words:
      'Each image must pick out its own caption among all the captions of the batch, and each caption its own image (CLIP). The temperature τ sets how sharply the softmax prefers the best match.',
  },
  hinge: {
    name: 'hinge ranking',
    tex: String.raw`\mathcal{L} = \frac{1}{B}\sum_{i}\sum_{j\neq i}\big[m - x_i^\top y_i + x_i^\top y_j\big]_+ + \big[m - x_i^\top y_i + x_j^\top y_i\big]_+`,
    words:
      'A true pair must be more similar than every wrong pair by at least the margin m, in both directions (DeViSE, VSE). Pairs that already satisfy the margin cost nothing.',
  },
  vsepp: {
    name: 'VSE++',
    tex: String.raw`\mathcal{L} = \frac{1}{B}\sum_{i}\max_{j\neq i}\big[m - x_i^\top y_i + x_i^\top y_j\big]_+ + \max_{j\neq i}\big[m - x_i^\top y_i + x_j^\top y_i\big]_+`,
    words:
      'Like the hinge loss, but only the hardest wrong pair of each row counts (VSE++): training focuses on the confusable cases.',
  },
  dcca: {
    name: 'Deep CCA',
    tex: String.raw`\max_{f,g}\ \operatorname{corr}(f(X), g(Y)) = \operatorname{tr}\big((T^\top T)^{1/2}\big),\quad T = \Sigma_{11}^{-1/2}\Sigma_{12}\Sigma_{22}^{-1/2}`,
    words:
      'Deep CCA trains two towers so that their outputs are as correlated as possible: the sum of the canonical correlations of the two views. Covariances are regularised (Σ + rI) so the inverse square roots exist.',
  },
  softcca: {
    name: 'soft CCA',
    tex: String.raw`\mathcal{L} = \lVert f(X) - g(Y)\rVert_F^2 + \lambda\big(\mathcal{L}_{\text{decor}}(f(X)) + \mathcal{L}_{\text{decor}}(g(Y))\big)`,
    words:
      'Soft CCA pulls the two views together directly and replaces the whitening constraint of CCA by a penalty on the off-diagonal covariances of each view: cheaper and more stable on small batches.',
  },
};

/** 'an image alone and a caption alone', or with three modalities 'an image alone, a caption alone and a sound alone'. */
function aloneList(ms: readonly Modality[]): string {
  const items = ms.map((m) => `${ARTICLE_NOUN[m]} alone`);
  return items.length > 1
    ? `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`
    : items.join('');
}

const ARTICLE_NOUN: Record<Modality, string> = { image: 'an image', text: 'a caption', audio: 'a sound' };

function explain(config: ExperimentConfig): Explanation {
  const ms = modalitiesOf(config.modalities);
  switch (config.framework) {
    case 'joint':
      return {
        title: 'Joint representation',
        term: 'Joint representation: one shared semantic subspace in which the modalities are fused.',
        diagram: <JointDiagram fusion={config.fusion} objective={config.jointObjective} modalities={ms} />,
        formulas: jointFormulas(config),
        words: (
          <>
            Each modality is encoded and projected to a modality vector, and the vectors are{' '}
            <strong>fused</strong> into one joint code z: by concatenation, by the additive shared layer, by
            the outer product of the vectors each extended by a constant 1 (which keeps the unimodal terms and
            adds every pairwise product: its weights grow with the product of the widths), or by its low-rank
            factorisation (weights linear in the widths). The joint code is trained to predict the pair’s
            attributes (H) and to reconstruct its picture and caption (D); <strong>modality dropout</strong>{' '}
            (the masks m) zeroes {ms.length > 2 ? 'one or two modalities' : 'one modality'} at random, so{' '}
            {ms.length > 2 ? 'any of them' : 'either'} alone must give the joint code. A missing modality
            contributes nothing. The scatter shows the codes of {aloneList(ms)}: the gap closes when the{' '}
            {ms.length > 2 ? 'routes' : 'two routes'} into the joint space agree.
          </>
        ),
      };
    case 'encdec':
      return {
        title: 'Encoder–decoder',
        term: 'Encoder–decoder: map one modality to a latent vector and generate the other from it.',
        diagram: <EncDecDiagram direction={config.direction} consistency={config.consistencyWeight > 0} />,
        formulas: encdecFormulas(config),
        words: (
          <>
            An encoder turns the image into a latent vector{' '}
            <var>
              v<sub>I</sub>
            </var>
            , and a recurrent decoder writes the caption one word at a time, trained to make the true next
            word likely (teacher forcing). In the other direction a caption is encoded to{' '}
            <var>
              v<sub>T</sub>
            </var>{' '}
            and a decoder draws the image, each pixel’s intensity a probability. The{' '}
            <strong>semantic consistency</strong> term C, with weight λ, pulls the two latents of a pair
            together: those two latents are what the scatter shows.
          </>
        ),
      };
    default: {
      const loss = LOSS_FORMULAS[config.loss] ?? LOSS_FORMULAS.infonce;
      const correlation = config.framework === 'correlation';
      return {
        title: correlation
          ? 'Coordinated representation by correlation'
          : 'Coordinated representation by similarity',
        term: correlation
          ? 'Coordinated representation, correlation-based: separate spaces made maximally correlated (CCA, Deep CCA).'
          : 'Coordinated representation, similarity-based: separate spaces constrained so that matching pairs are close (DeViSE, VSE, CLIP).',
        diagram: <CoordinatedDiagram loss={loss.name} />,
        formulas: [{ tex: loss.tex }],
        words: (
          <>
            Images and captions are different kinds of data, so their raw features live in unrelated spaces:
            the <strong>heterogeneity gap</strong>. Each modality gets its own encoder ending in a projection
            to a d-dimensional space, and the vectors are L2-normalised. {loss.words} Watch the two clouds in
            the scatter: the arrow between their centres is the <strong>modality gap</strong>.
          </>
        ),
      };
    }
  }
}

/** What the current framework does, for a teacher to read aloud: diagram, formula, plain words. */
export function ExplanationPanel() {
  const c = useController();
  const config = useStore(c.run, (s) => s.config);
  const e = explain(config);
  return (
    <section className="panel explanation" aria-labelledby="explanation-title">
      <h2 id="explanation-title">How it works: {e.title}</h2>
      <p className="survey-term">{e.term}</p>
      {e.diagram}
      <p>{e.words}</p>
      {e.formulas.map((f, i) => (
        <div className="formula-line" key={i}>
          {f.caption ? <p className="formula-caption">{f.caption}</p> : null}
          <Formula tex={f.tex} />
        </div>
      ))}
      {config.framework === 'joint' ? <ThreeWayFusion config={config} /> : null}
    </section>
  );
}
