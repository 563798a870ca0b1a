import { THEME } from '../theme';
import { markerPath } from './markers';
import { interleavedOrder, STYLE_COUNT, styleColours, styleMarker } from './pointStyle';
import type { PointFrame } from './pointRenderer';

/**
 * The points of a frame as SVG markup (one path per style, plus the pair lines), for a vector export of
 * the scatter: the canvas holds pixels only. Tens of thousands of markers make a large but valid file.
 */
export function pointsSvgMarkup(frame: PointFrame): string {
  const { xy, n, styles, transform: t, pointSize, alpha } = frame;
  const px = (r: number): number => t.ax * (xy[2 * r] as number) + t.bx;
  const py = (r: number): number => t.ay * (xy[2 * r + 1] as number) + t.by;
  const parts: string[] = ['<g class="points">'];
  if (frame.pairLines) {
    const d: string[] = [];
    for (let i = 0; i < n; i++)
      d.push(`M${px(i).toFixed(2)},${py(i).toFixed(2)}L${px(n + i).toFixed(2)},${py(n + i).toFixed(2)}`);
    parts.push(
      `<path class="pair-lines" d="${d.join('')}" fill="none" stroke="${THEME.pairLine}" stroke-opacity="${frame.lineAlpha.toFixed(3)}" stroke-width="0.75"/>`,
    );
  }
  const colours = styleColours(alpha);
  const paths: string[][] = Array.from({ length: STYLE_COUNT }, () => []);
  for (const row of interleavedOrder(n)) {
    const x = px(row);
    const y = py(row);
    if (Number.isFinite(x) && Number.isFinite(y))
      paths[styles[row] as number]!.push(markerPath(styleMarker(styles[row] as number), x, y, pointSize));
  }
  for (let s = 0; s < STYLE_COUNT; s++) {
    if (!paths[s]!.length) continue;
    const c = colours.subarray(s * 4, s * 4 + 4);
    const rgb = `rgb(${Math.round(c[0]! * 255)},${Math.round(c[1]! * 255)},${Math.round(c[2]! * 255)})`;
    parts.push(
      `<path class="points-style-${s}" d="${paths[s]!.join('')}" fill="${rgb}" fill-opacity="${c[3]!.toFixed(3)}"/>`,
    );
  }
  parts.push('</g>');
  return parts.join('');
}
