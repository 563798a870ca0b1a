/**
 * Zips of n image–caption pairs as a researcher would bring them: 64x64 PNGs under images/ and a
 * metadata.jsonl naming each with its caption. Generated deterministically (the same n gives the same
 * bytes) and cached under the system's temporary folder, never committed.
 *
 * Each picture is one of 4 shapes in one of 8 colours, 3 sizes and 4 positions on a light background
 * (384 meanings, captioned in words such as "a large red circle at the top left"), so a model has
 * something to learn; one corner pixel carries the pair's index, so no two files have the same bytes
 * (the importer merges identical files).
 */
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import { PNG } from 'pngjs';

const SIDE = 64;
const COLOURS: Record<string, readonly [number, number, number]> = {
  red: [215, 40, 40],
  orange: [240, 140, 30],
  yellow: [225, 205, 30],
  green: [40, 160, 70],
  teal: [30, 150, 150],
  blue: [40, 80, 215],
  purple: [140, 60, 190],
  black: [30, 30, 30],
};
const SHAPES = ['square', 'circle', 'triangle', 'bar'] as const;
const SIZES = { small: 9, medium: 14, large: 20 } as const;
const POSITIONS = {
  'top left': [20, 20],
  'top right': [44, 20],
  'bottom left': [20, 44],
  'bottom right': [44, 44],
};

/** Bumped when the pictures change, so an old cached zip is not reused. */
const VERSION = 1;

interface Pair {
  readonly caption: string;
  readonly png: Uint8Array;
}

/** Pair i: its meaning from i's digits in mixed radix, its picture drawn from that meaning. */
export function pairAt(i: number): Pair {
  const colours = Object.keys(COLOURS);
  const sizes = Object.keys(SIZES) as (keyof typeof SIZES)[];
  const positions = Object.keys(POSITIONS) as (keyof typeof POSITIONS)[];
  const colour = colours[i % colours.length];
  const shape = SHAPES[Math.floor(i / colours.length) % SHAPES.length];
  const size = sizes[Math.floor(i / 32) % sizes.length];
  const position = positions[Math.floor(i / 96) % positions.length];
  const [r, g, b] = COLOURS[colour];
  const radius = SIZES[size];
  const [cx, cy] = POSITIONS[position];
  const png = new PNG({ width: SIDE, height: SIDE });
  for (let y = 0; y < SIDE; y++) {
    for (let x = 0; x < SIDE; x++) {
      const dx = x - cx;
      const dy = y - cy;
      const inside =
        shape === 'square'
          ? Math.abs(dx) < radius && Math.abs(dy) < radius
          : shape === 'circle'
            ? dx * dx + dy * dy < radius * radius
            : shape === 'triangle'
              ? dy > -radius && dy < radius && Math.abs(dx) < (dy + radius) / 2
              : Math.abs(dx) < radius && Math.abs(dy) < radius / 3;
      const o = (y * SIDE + x) * 4;
      png.data[o] = inside ? r : 235;
      png.data[o + 1] = inside ? g : 235;
      png.data[o + 2] = inside ? b : 230;
      png.data[o + 3] = 255;
    }
  }
  // The index in the bottom-right pixel: unique bytes for every pair.
  const o = (SIDE * SIDE - 1) * 4;
  png.data[o] = i & 255;
  png.data[o + 1] = (i >> 8) & 255;
  png.data[o + 2] = (i >> 16) & 255;
  return {
    caption: `a ${size} ${colour} ${shape} at the ${position}`,
    png: new Uint8Array(PNG.sync.write(png)),
  };
}

/** The zip's bytes: images/000000.png … and metadata.jsonl last (as tools that stream a folder write it). */
export function pairsZipBytes(n: number): Uint8Array {
  const images: Zippable = {};
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const name = `${String(i).padStart(6, '0')}.png`;
    const { caption, png } = pairAt(i);
    images[name] = [png, { level: 0 }];
    lines.push(JSON.stringify({ file_name: `images/${name}`, text: caption }));
  }
  return zipSync({ images, 'metadata.jsonl': new TextEncoder().encode(`${lines.join('\n')}\n`) });
}

/** The path of the zip of n pairs, made on first use (20,000 pairs take ~20 s to draw; 100,000 ~2 min). */
export function pairsZip(n: number): string {
  const folder = join(tmpdir(), 'playground-bench-scale');
  mkdirSync(folder, { recursive: true });
  const path = join(folder, `pairs-${n}-v${VERSION}.zip`);
  if (!existsSync(path)) {
    const part = `${path}.${process.pid}.part`;
    writeFileSync(part, pairsZipBytes(n));
    renameSync(part, path); // whole or absent: an interrupted run never leaves half a zip to reuse
  }
  return path;
}
