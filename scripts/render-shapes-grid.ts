/**
 * Writes a PNG grid of ShapeCaptions thumbnails, to look at the data as a person would.
 *
 *   npx tsx scripts/render-shapes-grid.ts out.png [--seed N] [--eval]
 *       8x8 items from the train (or eval) set; their attributes and first captions go to stdout.
 *   npx tsx scripts/render-shapes-grid.ts out.png --palette [small|medium|large]
 *       one of each shape (rows) x colour (columns) at one size, centred, without jitter.
 *
 * Thumbnails are upscaled 4x with nearest neighbour (so the real pixels show) on a mid-grey frame.
 */
import { writeFileSync } from 'node:fs';
import { encodePng } from '../src/core/export/png';
import { toImageBytes } from '../src/core/frameworks/inspection';
import { createRng } from '../src/core/random/rng';
import { IMAGE_LENGTH, IMAGE_SIZE, imageAt } from '../src/core/data/pairs';
import { COLOURS, POSITIONS, SHAPES, SIZES } from '../src/core/data/shapes/attributes';
import { drawingFor, renderImage } from '../src/core/data/shapes/render';
import { generateShapeCaptions } from '../src/core/data/shapes/shapeCaptions';

const SCALE = 4;
const GAP = 4;
const FRAME = 0.35;

/** Lays out `images` (each [32, 32, 3]) in a rows x cols grid, upscaled, on a grey frame. */
function tile(
  images: Float32Array[],
  rows: number,
  cols: number,
): { rgb: Float32Array; w: number; h: number } {
  const cell = IMAGE_SIZE * SCALE;
  const w = cols * cell + (cols + 1) * GAP;
  const h = rows * cell + (rows + 1) * GAP;
  const rgb = new Float32Array(w * h * 3).fill(FRAME);
  images.forEach((img, n) => {
    const x0 = GAP + (n % cols) * (cell + GAP);
    const y0 = GAP + Math.floor(n / cols) * (cell + GAP);
    for (let y = 0; y < cell; y++) {
      for (let x = 0; x < cell; x++) {
        const src = (Math.floor(y / SCALE) * IMAGE_SIZE + Math.floor(x / SCALE)) * 3;
        const dst = ((y0 + y) * w + x0 + x) * 3;
        rgb.set(img.subarray(src, src + 3), dst);
      }
    }
  });
  return { rgb, w, h };
}

function main(): void {
  const args = process.argv.slice(2);
  const out = args[0];
  if (out === undefined || out.startsWith('--')) {
    console.error(
      'usage: render-shapes-grid.ts out.png [--seed N] [--eval] [--palette [small|medium|large]]',
    );
    process.exit(1);
  }
  const seedAt = args.indexOf('--seed');
  const seed = seedAt >= 0 ? Number(args[seedAt + 1]) : 0;
  const paletteAt = args.indexOf('--palette');

  let grid: { rgb: Float32Array; w: number; h: number };
  if (paletteAt >= 0) {
    const sizeName = args[paletteAt + 1] ?? 'large';
    const size = SIZES.indexOf(sizeName as (typeof SIZES)[number]);
    if (size < 0) throw new Error(`unknown size '${sizeName}', expected one of ${SIZES.join(', ')}`);
    const noiseRng = createRng(seed);
    const images: Float32Array[] = [];
    for (let shape = 0; shape < SHAPES.length; shape++) {
      for (let colour = 0; colour < COLOURS.length; colour++) {
        const img = new Float32Array(IMAGE_LENGTH);
        const d = drawingFor({ shape, colour, size, position: 4 }, null);
        renderImage(img, 0, d, 0.08, 0.02, noiseRng);
        images.push(img);
      }
    }
    grid = tile(images, SHAPES.length, COLOURS.length);
    console.log(`rows: ${SHAPES.join(', ')}\ncolumns: ${COLOURS.join(', ')}\nsize: ${sizeName}`);
  } else {
    const data = generateShapeCaptions({ seed, trainSize: 64, evalSize: 64 });
    const set = args.includes('--eval') ? data.eval : data.train;
    const images = Array.from({ length: 64 }, (_, i) => imageAt(set, i));
    grid = tile(images, 8, 8);
    for (let i = 0; i < 64; i++) {
      const a = set.attributes?.subarray(i * 4, i * 4 + 4) ?? [];
      const names = [SHAPES[a[0] ?? 0], COLOURS[a[1] ?? 0], SIZES[a[2] ?? 0], POSITIONS[a[3] ?? 0]];
      const held = set.heldOut?.[i] === 1 ? ' [held out]' : '';
      console.log(`r${Math.floor(i / 8)} c${i % 8}  ${names.join(' / ')}${held}  "${set.captions[i]?.[0]}"`);
    }
  }
  writeFileSync(out, encodePng(toImageBytes(grid.rgb), grid.w, grid.h, 3));
  console.log(`wrote ${out} (${grid.w}x${grid.h})`);
}

main();
