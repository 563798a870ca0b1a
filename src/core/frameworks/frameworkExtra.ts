import type { ExperimentConfig } from '../experiment/config';
import type { CorrelationEvaluation } from './correlation';
import type { JointEvaluation } from './joint/evaluate';
import type { EncDecEvaluation } from './encdec/evaluate';

/** The framework names, which tag each variant of FrameworkExtra. */
export type FrameworkName = ExperimentConfig['framework'];

/**
 * A framework's own measurements in one evaluation (FrameworkModel.evaluate), tagged with the framework
 * so a view narrows it by `framework` instead of casting. Plain JSON. The tag is not a measurement: the
 * runner's JSON and the metrics CSV leave it out (see `measurementsOf`).
 */
export type FrameworkExtra =
  | { framework: 'coordinated' }
  | ({ framework: 'correlation' } & CorrelationEvaluation)
  | { framework: 'joint'; joint: JointEvaluation }
  | { framework: 'encdec'; encdec: EncDecEvaluation };

/** The variant of FrameworkExtra that framework `N` evaluates to. */
export type ExtraOf<N extends FrameworkName> = Extract<FrameworkExtra, { framework: N }>;

/** A FrameworkExtra without its tag: the measurements alone, per variant. */
export type FrameworkMeasurements = FrameworkExtra extends infer E
  ? E extends FrameworkExtra
    ? Omit<E, 'framework'>
    : never
  : never;

/** The measurements alone, without the `framework` tag (what the runner's JSON records). */
export function measurementsOf(extra: FrameworkExtra): FrameworkMeasurements {
  const { framework: _tag, ...rest } = extra;
  return rest;
}
