import type { LessonContext } from '../../core/lessons/types';
import { chanceCeiling, fmt, lastPoint } from '../../core/lessons/measures';

/** R@1 beside what guessing scores and what luck reaches at this evaluation size. */
export function ChanceFigure({ ctx }: { ctx: LessonContext }) {
  if (ctx.evalSize <= 0) return null;
  const now = lastPoint(ctx.current);
  const r1 = now ? now.metrics.seen.i2t.r1 : NaN;
  const ceiling = chanceCeiling(ctx.chanceR1, ctx.evalSize);
  const bar = (value: number) => `${Math.max(0, Math.min(1, Number.isFinite(value) ? value : 0)) * 100}%`;
  return (
    <div className="chance-figure" data-testid="lesson-figure">
      <div className="chance-row">
        <span>guessing</span>
        <span className="chance-track">
          <span className="chance-bar chance" style={{ width: bar(ctx.chanceR1) }} />
        </span>
        <span>{fmt(ctx.chanceR1, 3)}</span>
      </div>
      <div className="chance-row">
        <span>luck, at most</span>
        <span className="chance-track">
          <span className="chance-bar luck" style={{ width: bar(ceiling) }} />
        </span>
        <span>{fmt(ceiling)}</span>
      </div>
      <div className="chance-row">
        <span>this model</span>
        <span className="chance-track">
          <span className="chance-bar model" style={{ width: bar(r1) }} />
        </span>
        <span>{fmt(r1)}</span>
      </div>
      <p className="hint">
        R@1 image → caption on {ctx.evalSize} evaluation pairs{now ? `, step ${now.step}` : ''}.
      </p>
    </div>
  );
}
