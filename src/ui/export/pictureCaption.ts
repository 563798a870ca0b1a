/**
 * What an exported picture says about itself: which view, on which data, trained how, at which step,
 * and the numbers that matter (retrieval both ways, gap, alignment). Plain names, not setting ids.
 */
import { CONFIG_SPEC, type ExperimentConfig } from '../../core/experiment/config';
import { optionLabel } from '../../core/experiment/paramSpec';
import type { GapMetrics } from '../../core/metrics/gapMetrics';
import type { PictureHeader } from '../../plots/pictureHeader';

const num = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : '–');

export interface PictureContext {
  readonly datasetName: string;
  readonly config: ExperimentConfig;
  /** The evaluation the view shows; null before the first one. */
  readonly snapshot: { readonly step: number; readonly metrics: GapMetrics } | null;
}

/** The heading of a picture of the view named `viewLabel` ('Shared space (scatter)'). */
export function pictureHeader(viewLabel: string, context: PictureContext): PictureHeader {
  const { config, snapshot } = context;
  const framework = optionLabel(CONFIG_SPEC.framework, config.framework);
  const loss = optionLabel(CONFIG_SPEC.loss, config.loss);
  const facts = [`${framework}, ${loss}`];
  if (snapshot) {
    const { metrics: m } = snapshot;
    facts.push(
      `step ${snapshot.step}`,
      `R@1 image → caption ${num(m.seen.i2t.r1)}`,
      `caption → image ${num(m.seen.t2i.r1)}`,
    );
    if (m.heldOut.count > 0) facts.push(`held-out R@1 ${num(m.heldOut.i2t.r1)}`);
    facts.push(`gap ${num(m.gap)}`, `alignment ${num(m.alignment)}`);
  } else facts.push('step 0, not evaluated yet');
  return { title: `${viewLabel} · ${context.datasetName}`, facts };
}
