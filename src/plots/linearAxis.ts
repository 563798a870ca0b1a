import type { ScaleLinear } from 'd3';
import { writeChanged, type GroupSelection } from './frame';
import { THEME } from './theme';

/** Where an axis sits: under the plot (ticks below) or left of it (ticks to the left). */
export type AxisSide = 'bottom' | 'left';

const TICK_SIZE = 6;
/** Tick length plus the gap to its label (d3's tickSizeInner + tickPadding). */
const LABEL_SPACING = 9;

/**
 * A bottom or left axis of a linear scale into `g`, with the elements d3's axisBottom / axisLeft make
 * (no outer ticks; path.domain, then g.tick > line + text, half-pixel offset on screens of ratio 1) and
 * the plots' colours and font size. Unlike d3's axis, which rewrites every tick's attributes and text on
 * each call, only what changed is written: a tick that stays keeps its label's text node, so a plot
 * redrawn every frame does not make the browser lay out every label again.
 */
export function renderLinearAxis(
  g: GroupSelection,
  scale: ScaleLinear<number, number>,
  side: AxisSide,
  values: readonly number[],
  format: (value: number) => string,
): void {
  const offset = typeof devicePixelRatio === 'number' && devicePixelRatio > 1 ? 0 : 0.5;
  const [r0, r1] = scale.range().map((v) => v + offset);
  const bottom = side === 'bottom';
  writeChanged(g, () => ({
    fill: 'none',
    'font-size': THEME.fontSize,
    'text-anchor': bottom ? 'middle' : 'end',
  }));
  const domain = g.selectAll<SVGPathElement, null>('path.domain').data([null]);
  domain.enter().insert('path', '.tick').attr('class', 'domain').attr('stroke', THEME.ink);
  writeChanged(g.selectAll<SVGPathElement, null>('path.domain'), () => ({
    d: bottom ? `M${r0},${offset}H${r1}` : `M${offset},${r0}V${r1}`,
  }));
  // Keyed by value: a tick whose value stays on the axis keeps its elements and only moves.
  const ticks = g
    .selectAll<SVGGElement, number>('g.tick')
    .data(values, (d) => String(d))
    .join((enter) => {
      const tick = enter.append('g').attr('class', 'tick').attr('opacity', 1);
      tick
        .append('line')
        .attr('stroke', THEME.ink)
        .attr(bottom ? 'y2' : 'x2', bottom ? TICK_SIZE : -TICK_SIZE);
      tick
        .append('text')
        .attr('fill', THEME.muted)
        .attr(bottom ? 'y' : 'x', bottom ? LABEL_SPACING : -LABEL_SPACING)
        .attr('dy', bottom ? '0.71em' : '0.32em');
      return tick;
    })
    .order();
  writeChanged(ticks, (d) => {
    const at = +scale(d) + offset;
    return { transform: bottom ? `translate(${at},0)` : `translate(0,${at})` };
  });
  writeChanged(ticks.select<SVGTextElement>('text'), (d) => ({ textContent: format(d) }));
}
