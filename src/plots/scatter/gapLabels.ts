/**
 * Where the gap arrows' labels go: beside the middle of their arrow, clear of its line and of the
 * centroid markers at its ends, and apart from one another.
 */

/** Pixel positions of the two centroids; the arrow runs from the image centroid to the caption one. */
export interface GapArrowGeometry {
  image: [number, number];
  text: [number, number];
  label: string;
}

/** A label's box in px: top-left corner and size. */
export interface LabelBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Diameter (px) of a centroid marker. */
export const CENTROID_SIZE = 17;
/** Clearance (px) between the label's box and the arrow's line: more than a centroid marker's halo radius. */
const LABEL_CLEARANCE = CENTROID_SIZE / 2 + 5;
/** Width of one character of the bold label, a little over the average at the plot's 12 px font. */
const LABEL_CHAR_PX = 7.2;
const LABEL_HEIGHT_PX = 15;
/** Below this length (px) the arrow head would cover its own shaft: only the centroids are drawn. */
export const MIN_ARROW_PX = 18;
/** Space (px) left between two labels moved apart. */
const LABEL_GAP_PX = 2;

/** The label's width when it cannot be measured (no layout, e.g. jsdom or an export): from its length. */
export const estimatedLabelWidth = (label: string): number => label.length * LABEL_CHAR_PX;

/**
 * The unit normal of the arrow the label sits on: up the screen (y grows downwards), or, given `away`,
 * the side away from that point (for three modalities, the centre of the three centroids, so that each
 * label sits outside the triangle of arrows, by its own arrow, rather than all three inside it). With no
 * arrow (centroids too close), straight up.
 */
export function labelSide(geometry: GapArrowGeometry, away?: readonly [number, number]): [number, number] {
  const [x1, y1] = geometry.image;
  const [x2, y2] = geometry.text;
  const length = Math.hypot(x2 - x1, y2 - y1);
  if (length < MIN_ARROW_PX) return [0, -1];
  let nx = (y2 - y1) / length;
  let ny = -(x2 - x1) / length;
  const flip = away
    ? nx * ((x1 + x2) / 2 - away[0]) + ny * ((y1 + y2) / 2 - away[1]) < 0
    : ny > 0 || (ny === 0 && nx < 0);
  if (flip) {
    nx = -nx;
    ny = -ny;
  }
  return [nx, ny];
}

/**
 * Where the gap label goes: beside the middle of the arrow on the side `labelSide` picks, far enough
 * along the normal that no part of the label's box comes within LABEL_CLEARANCE of the arrow's line (so
 * it covers neither the shaft nor the centroid markers at its ends, whatever the arrow's angle). With no
 * arrow (centroids close together) it goes above both centroid markers. `width`: the label's measured
 * width in px, else estimated from its length.
 */
export function gapLabelBox(
  geometry: GapArrowGeometry,
  width = estimatedLabelWidth(geometry.label),
  away?: readonly [number, number],
): LabelBox {
  const [x1, y1] = geometry.image;
  const [x2, y2] = geometry.text;
  const height = LABEL_HEIGHT_PX;
  if (Math.hypot(x2 - x1, y2 - y1) < MIN_ARROW_PX) {
    const cy = Math.min(y1, y2) - CENTROID_SIZE / 2 - 4 - height / 2;
    return { x: (x1 + x2) / 2 - width / 2, y: cy - height / 2, width, height };
  }
  const [nx, ny] = labelSide(geometry, away);
  // Half the box's extent along the normal, plus the clearance: the box then stays off the whole line.
  const offset = (Math.abs(nx) * width) / 2 + (Math.abs(ny) * height) / 2 + LABEL_CLEARANCE;
  const cx = (x1 + x2) / 2 + nx * offset;
  const cy = (y1 + y2) / 2 + ny * offset;
  return { x: cx - width / 2, y: cy - height / 2, width, height };
}

const overlaps = (a: LabelBox, b: LabelBox): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/**
 * How far (px) box b must move along the unit vector d to clear box a with LABEL_GAP_PX to spare: the
 * shorter of clearing it across (x) or along (y).
 */
function clearance(a: LabelBox, b: LabelBox, [dx, dy]: readonly [number, number]): number {
  const moves: number[] = [];
  if (dx > 1e-9) moves.push((a.x + a.width + LABEL_GAP_PX - b.x) / dx);
  if (dx < -1e-9) moves.push((b.x + b.width + LABEL_GAP_PX - a.x) / -dx);
  if (dy > 1e-9) moves.push((a.y + a.height + LABEL_GAP_PX - b.y) / dy);
  if (dy < -1e-9) moves.push((b.y + b.height + LABEL_GAP_PX - a.y) / -dy);
  return Math.min(...moves);
}

/**
 * Label boxes moved apart: each box that overlaps an earlier one moves along its direction (default
 * up; for gap labels, away from their arrow) just far enough to clear it, until it overlaps none (labels
 * whose arrows meet near one point would otherwise print over each other). The first box never moves,
 * so two modalities' one label stays where gapLabelBox puts it.
 */
export function separateLabels(
  boxes: readonly LabelBox[],
  directions: readonly (readonly [number, number])[] = [],
): LabelBox[] {
  const placed: LabelBox[] = [];
  boxes.forEach((box, i) => {
    const b = { ...box };
    const d = directions[i] ?? ([0, -1] as const);
    for (let tries = 0; tries < boxes.length * 2; tries++) {
      const hit = placed.find((p) => overlaps(p, b));
      if (!hit) break;
      const t = clearance(hit, b, d);
      b.x += d[0] * t;
      b.y += d[1] * t;
    }
    placed.push(b);
  });
  return placed;
}
