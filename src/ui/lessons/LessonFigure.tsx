import type { LessonContext, LessonFigure as Figure } from '../../core/lessons/types';
import { SeedsTable } from './SeedsTable';
import { SweepFigure } from './SweepFigure';
import { RunsTable } from './RunsTable';
import { ChanceFigure } from './ChanceFigure';

/** The lesson's own figure, drawn from its runs as they finish. */
export function LessonFigure({ figure, ctx }: { figure: Figure; ctx: LessonContext }) {
  switch (figure.kind) {
    case 'seeds':
      return <SeedsTable runs={ctx.runs} />;
    case 'sweep':
      return <SweepFigure figure={figure} runs={ctx.runs} />;
    case 'runs':
      return <RunsTable columns={figure.columns} runs={ctx.runs} shownId={ctx.current?.id ?? null} />;
    case 'chance':
      return <ChanceFigure ctx={ctx} />;
    case 'none':
      return null;
  }
}
