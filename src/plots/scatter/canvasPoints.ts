import { hexToRgb, THEME } from '../theme';
import { interleavedOrder, pairLineIndices, STYLE_COUNT, styleCss, styleMarker } from './pointStyle';
import { sizeCanvas, type PointFrame, type PointRenderer } from './pointRenderer';
import { SQUARE_HALF_SIDE, TRIANGLE_CIRCUMRADIUS } from './markers';

/**
 * Canvas 2D fallback for when WebGL is unavailable. Points are filled in batches of one path per style,
 * chunk by chunk along the alternating image/caption order: few fill calls (fast), while neither
 * modality is always painted on top.
 */
const CHUNK = 1024;

/** The part of CanvasRenderingContext2D used here (lets tests record the calls). */
export type Canvas2dLike = Pick<
  CanvasRenderingContext2D,
  'setTransform' | 'clearRect' | 'beginPath' | 'moveTo' | 'lineTo' | 'arc' | 'closePath' | 'fill' | 'stroke'
> & { fillStyle: unknown; strokeStyle: unknown; lineWidth: number };

/** Draws a frame into ctx (already sized): the testable body of the renderer. */
export function drawPointsCanvas(ctx: Canvas2dLike, frame: PointFrame): void {
  const { xy, n, styles, transform: t, pixelRatio, pointSize, alpha } = frame;
  const groups = frame.groups ?? 2;
  ctx.setTransform(pixelRatio, 0, 0, pixelRatio, 0, 0);
  ctx.clearRect(0, 0, frame.width, frame.height);
  const px = (r: number): number => t.ax * xy[2 * r] + t.bx;
  const py = (r: number): number => t.ay * xy[2 * r + 1] + t.by;

  if (frame.pairLines) {
    ctx.beginPath();
    const lines = pairLineIndices(n, groups);
    for (let k = 0; k < lines.length; k += 2) {
      ctx.moveTo(px(lines[k]), py(lines[k]));
      ctx.lineTo(px(lines[k + 1]), py(lines[k + 1]));
    }
    const [lr, lg, lb] = hexToRgb(THEME.pairLine).map((v) => Math.round(v * 255));
    ctx.strokeStyle = `rgba(${lr},${lg},${lb},${frame.lineAlpha})`;
    ctx.lineWidth = 0.75;
    ctx.stroke();
  }

  const order = interleavedOrder(n, groups);
  const r = pointSize / 2;
  const sq = r * SQUARE_HALF_SIDE;
  const tr = r * TRIANGLE_CIRCUMRADIUS;
  const th = (tr * Math.sqrt(3)) / 2;
  const fills = Array.from({ length: STYLE_COUNT }, (_, s) => styleCss(s, alpha));
  for (let start = 0; start < order.length; start += CHUNK) {
    const end = Math.min(order.length, start + CHUNK);
    for (let s = 0; s < STYLE_COUNT; s++) {
      let any = false;
      const marker = styleMarker(s);
      for (let p = start; p < end; p++) {
        const row = order[p];
        if (styles[row] !== s) continue;
        const x = px(row);
        const y = py(row);
        if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
        if (!any) ctx.beginPath();
        any = true;
        if (marker === 'triangle') {
          ctx.moveTo(x, y - tr);
          ctx.lineTo(x - th, y + tr / 2);
          ctx.lineTo(x + th, y + tr / 2);
          ctx.closePath();
        } else if (marker === 'square') {
          ctx.moveTo(x - sq, y - sq);
          ctx.lineTo(x + sq, y - sq);
          ctx.lineTo(x + sq, y + sq);
          ctx.lineTo(x - sq, y + sq);
          ctx.closePath();
        } else {
          ctx.moveTo(x + r, y);
          ctx.arc(x, y, r, 0, 2 * Math.PI);
        }
      }
      if (any) {
        ctx.fillStyle = fills[s];
        ctx.fill();
      }
    }
  }
}

/** A renderer on `canvas`'s 2D context; null when the canvas has none (e.g. jsdom). */
export function createCanvasRenderer(canvas: HTMLCanvasElement): PointRenderer | null {
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  return {
    kind: 'canvas',
    draw(frame) {
      sizeCanvas(canvas, frame.width, frame.height, frame.pixelRatio);
      drawPointsCanvas(ctx, frame);
    },
    destroy() {},
  };
}
