import { describe, expect, it } from 'vitest';
import { gapLabelBox, labelSide, separateLabels, type LabelBox } from '../../src/plots/scatter/gapLabels';

type Point = [number, number];

const overlap = (a: LabelBox, b: LabelBox) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Signed distances of the box's corners from the line through a and b, positive on the side of `side`. */
function cornerDistances(box: LabelBox, a: Point, b: Point, side: Point): number[] {
  const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
  const [nx, ny] = [-(b[1] - a[1]) / len, (b[0] - a[0]) / len];
  const s = Math.sign((side[0] - a[0]) * nx + (side[1] - a[1]) * ny);
  return [
    [box.x, box.y],
    [box.x + box.width, box.y],
    [box.x, box.y + box.height],
    [box.x + box.width, box.y + box.height],
  ].map(([x, y]) => s * ((x - a[0]) * nx + (y - a[1]) * ny));
}

/** The three labels as the scatter places them: pairs (0,1), (0,2), (1,2) of the centroids. */
function place(centroids: [Point, Point, Point], widths: number[]) {
  const away: Point = [
    (centroids[0][0] + centroids[1][0] + centroids[2][0]) / 3,
    (centroids[0][1] + centroids[1][1] + centroids[2][1]) / 3,
  ];
  const arrows = [
    { image: centroids[0], text: centroids[1], label: 'image ↔ caption gap 0.935' },
    { image: centroids[0], text: centroids[2], label: 'image ↔ sound gap 1.227' },
    { image: centroids[1], text: centroids[2], label: 'caption ↔ sound gap 1.051' },
  ];
  const boxes = separateLabels(
    arrows.map((a, i) => gapLabelBox(a, widths[i], away)),
    arrows.map((a) => labelSide(a, away)),
  );
  return { arrows, boxes, away };
}

describe('gap labels of three clouds', () => {
  it('sit outside the triangle of arrows, each by its own arrow, none over another', () => {
    // Centroids (px) and measured label widths of the three-modality plot early in training.
    const centroids: [Point, Point, Point] = [
      [358, 114],
      [447, 276],
      [586, 158],
    ];
    const { arrows, boxes, away } = place(centroids, [182, 173, 182]);
    for (let i = 0; i < 3; i++) {
      const { image, text } = arrows[i];
      // Every corner on the side away from the triangle's centre, more than a marker's halo (8.5 px) off.
      const d = cornerDistances(boxes[i], image, text, away);
      expect(Math.max(...d), arrows[i].label).toBeLessThan(-(8.5 + 3));
      // Nearer its own arrow's middle than any other arrow's.
      const centre: Point = [boxes[i].x + boxes[i].width / 2, boxes[i].y + boxes[i].height / 2];
      const toMiddle = (a: (typeof arrows)[number]) =>
        Math.hypot(centre[0] - (a.image[0] + a.text[0]) / 2, centre[1] - (a.image[1] + a.text[1]) / 2);
      for (let j = 0; j < 3; j++) if (j !== i) expect(toMiddle(arrows[i])).toBeLessThan(toMiddle(arrows[j]));
    }
    expect(overlap(boxes[0], boxes[1]) || overlap(boxes[0], boxes[2]) || overlap(boxes[1], boxes[2])).toBe(
      false,
    );
  });

  it('are moved apart when the clouds are close enough for their labels to meet', () => {
    // A small triangle: the three outward labels (180 px wide) would cross each other.
    const centroids: [Point, Point, Point] = [
      [300, 200],
      [330, 200],
      [315, 225],
    ];
    const before = [0, 1, 2].map((i) => {
      const { arrows, away } = place(centroids, [180, 180, 180]);
      return gapLabelBox(arrows[i], 180, away);
    });
    expect(
      overlap(before[0], before[1]) || overlap(before[1], before[2]) || overlap(before[0], before[2]),
    ).toBe(true);
    const { boxes } = place(centroids, [180, 180, 180]);
    expect(overlap(boxes[0], boxes[1]) || overlap(boxes[1], boxes[2]) || overlap(boxes[0], boxes[2])).toBe(
      false,
    );
    // The first label never moves.
    expect(boxes[0]).toEqual(before[0]);
  });
});

describe('separateLabels', () => {
  const a = { x: 0, y: 100, width: 100, height: 15 };
  const b = { x: 50, y: 105, width: 100, height: 15 };
  it('moves an overlapping box along its direction just past the other, 2 px apart', () => {
    // Rightwards: b's left edge to a's right edge + 2 = 102. Downwards: b's top to 100 + 15 + 2 = 117.
    expect(
      separateLabels(
        [a, b],
        [
          [0, -1],
          [1, 0],
        ],
      )[1],
    ).toEqual({ ...b, x: 102 });
    expect(
      separateLabels(
        [a, b],
        [
          [0, -1],
          [0, 1],
        ],
      )[1],
    ).toEqual({ ...b, y: 117 });
    // Diagonally (down-right at 45°): clearing a across takes 52·√2 px, below it 12·√2: the shorter.
    const [, moved] = separateLabels(
      [a, b],
      [
        [0, -1],
        [Math.SQRT1_2, Math.SQRT1_2],
      ],
    );
    expect(moved.x).toBeCloseTo(62, 9);
    expect(moved.y).toBeCloseTo(117, 9);
  });

  it('moves up by default, as for two modalities’ single label', () => {
    expect(separateLabels([a, b])[1]).toEqual({ ...b, y: 83 });
  });
});

describe('labelSide', () => {
  it('points up the screen by default and away from a given point otherwise', () => {
    const flat = { image: [0, 0] as Point, text: [100, 0] as Point, label: 'x' };
    expect(labelSide(flat)).toEqual([0, -1]);
    expect(labelSide(flat, [50, -40])).toEqual([-0, 1]);
    // Too short for an arrow: straight up.
    expect(labelSide({ ...flat, text: [10, 0] }, [50, -40])).toEqual([0, -1]);
  });
});
