/**
 * Prepares the built-in emoji dataset into public/data/emoji/ (run once; its output is committed):
 *
 *   npx tsx scripts/prepare-emoji.ts [--packages DIR] [--out public/data/emoji]
 *
 * Joins three pinned npm packages on the emoji's codepoints: emoji-datasource-google (Noto Emoji as
 * 64 px PNGs, Apache-2.0), emojibase-data (Unicode CLDR English labels and keywords, MIT) and
 * @iconify-json/twemoji (Twemoji as SVG, CC BY 4.0). Each picture is area-averaged to 32x32 over white,
 * the same way imported images are (src/core/data/import/resample.ts); the Twemoji SVGs are rasterised
 * at 64 px with resvg (WebAssembly, so the output is the same on every machine). Writes, per art style,
 * the raw RGB bytes [count, 32, 32, 3] compressed with raw deflate, plus emoji.json (labels, keywords,
 * groups, styles) and the attribution the app shows.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { deflateSync } from 'fflate';
import { PNG } from 'pngjs';
import { rgbaToInput } from '../src/core/data/import/resample';
import { IMAGE_LENGTH } from '../src/core/data/pairs';
import { ensurePackages, packageDirFromArgs, packageFile } from './dataPackages';
import { EMOJI_ATTRIBUTION, attributionMarkdown } from './emojiAttribution';

const PACKAGES = {
  'emoji-datasource-google': '16.0.0',
  'emojibase-data': '17.0.0',
  '@iconify-json/twemoji': '1.2.5',
  '@resvg/resvg-wasm': '2.6.2',
} as const;

interface DatasourceEmoji {
  unified: string;
  image: string;
  category: string;
  subcategory: string;
  has_img_google: boolean;
  sort_order: number;
}
interface EmojibaseEmoji {
  hexcode: string;
  label: string;
  tags?: string[];
  emoji: string;
}
interface IconifySet {
  icons: Record<string, { body: string; width?: number; height?: number; left?: number; top?: number }>;
  aliases?: Record<string, { parent: string }>;
  width?: number;
  height?: number;
}
interface ResvgModule {
  initWasm(wasm: Uint8Array): Promise<void>;
  Resvg: new (
    svg: string,
    options: { fitTo: { mode: 'width'; value: number } },
  ) => {
    render(): { pixels: Uint8Array; width: number; height: number; free(): void };
    free(): void;
  };
}

/** One spelling per emoji: lower-case hex without variation selectors or leading zeros ('0023-FE0F-20E3' -> '23-20e3'). */
export function codeKey(hex: string): string {
  return hex
    .toLowerCase()
    .split('-')
    .filter((p) => p !== 'fe0f' && p !== 'fe0e')
    .map((p) => parseInt(p, 16).toString(16))
    .join('-');
}

const argv = process.argv.slice(2);
const dir = packageDirFromArgs(argv, 'emoji');
const outIndex = argv.indexOf('--out');
const outDir = resolve(outIndex >= 0 && argv[outIndex + 1] ? argv[outIndex + 1] : 'public/data/emoji');
const require = ensurePackages(dir, PACKAGES);
const readJson = <T>(pkg: string, file: string): T =>
  JSON.parse(readFileSync(packageFile(dir, pkg, file), 'utf8')) as T;

const datasource = readJson<DatasourceEmoji[]>('emoji-datasource-google', 'emoji.json');
const emojibase = readJson<EmojibaseEmoji[]>('emojibase-data', 'en/data.json');
const twemoji = readJson<IconifySet>('@iconify-json/twemoji', 'icons.json');
const twemojiChars = readJson<Record<string, string>>('@iconify-json/twemoji', 'chars.json');

const labels = new Map(emojibase.map((e) => [codeKey(e.hexcode), e]));
const twemojiByCode = new Map(Object.entries(twemojiChars).map(([code, name]) => [codeKey(code), name]));

function twemojiSvg(name: string): string | null {
  let icon = twemoji.icons[name];
  for (let hops = 0; !icon && hops < 5; hops++) {
    const parent = twemoji.aliases?.[name]?.parent;
    if (!parent) break;
    name = parent;
    icon = twemoji.icons[name];
  }
  if (!icon) return null;
  const w = icon.width ?? twemoji.width ?? 16;
  const h = icon.height ?? twemoji.height ?? 16;
  const box = `${icon.left ?? 0} ${icon.top ?? 0} ${w} ${h}`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${box}" width="${w}" height="${h}">${icon.body}</svg>`;
}

/** [32, 32, 3] floats in [0, 1] -> bytes. */
function toBytes(pixels: Float32Array, out: Uint8Array, offset: number): void {
  for (let i = 0; i < IMAGE_LENGTH; i++) out[offset + i] = Math.round(pixels[i] * 255);
}

async function main(): Promise<void> {
  const resvg = require('@resvg/resvg-wasm') as ResvgModule;
  await resvg.initWasm(readFileSync(packageFile(dir, '@resvg/resvg-wasm', 'index_bg.wasm')));

  const chosen = datasource
    .filter((e) => e.has_img_google && e.category !== 'Component')
    .sort((a, b) => a.sort_order - b.sort_order)
    .flatMap((e) => {
      const code = codeKey(e.unified);
      const base = labels.get(code);
      const name = twemojiByCode.get(code);
      const svg = name ? twemojiSvg(name) : null;
      return base && svg ? [{ e, code, base, svg }] : [];
    });
  const skipped = datasource.length - chosen.length;
  const google = new Uint8Array(chosen.length * IMAGE_LENGTH);
  const twitter = new Uint8Array(chosen.length * IMAGE_LENGTH);
  chosen.forEach(({ e, svg }, i) => {
    const png = PNG.sync.read(
      readFileSync(packageFile(dir, 'emoji-datasource-google', `img/google/64/${e.image}`)),
    );
    toBytes(rgbaToInput(png.data, png.width, png.height), google, i * IMAGE_LENGTH);
    const renderer = new resvg.Resvg(svg, { fitTo: { mode: 'width', value: 64 } });
    const image = renderer.render();
    toBytes(rgbaToInput(image.pixels, image.width, image.height), twitter, i * IMAGE_LENGTH);
    image.free();
    renderer.free();
  });

  mkdirSync(outDir, { recursive: true });
  const styles = [
    { id: 'noto', name: 'Noto Emoji (Google)', file: 'noto.bin', bytes: google },
    { id: 'twemoji', name: 'Twemoji', file: 'twemoji.bin', bytes: twitter },
  ];
  for (const s of styles) writeFileSync(join(outDir, s.file), deflateSync(s.bytes, { level: 9 }));
  const index = {
    format: 'Per style: raw deflate of uint8 RGB [count, 32, 32, 3], row-major, transparency over white.',
    size: 32,
    count: chosen.length,
    styles: styles.map(({ id, name, file }) => ({ id, name, file })),
    emoji: chosen.map(({ e, code, base }) => ({
      code,
      char: base.emoji,
      label: base.label,
      tags: base.tags ?? [],
      group: e.category,
      subgroup: e.subcategory,
    })),
  };
  writeFileSync(join(outDir, 'emoji.json'), `${JSON.stringify(index)}\n`);
  writeFileSync(join(outDir, 'attribution.json'), `${JSON.stringify(EMOJI_ATTRIBUTION, null, 2)}\n`);
  writeFileSync(join(outDir, 'ATTRIBUTION.md'), attributionMarkdown());
  process.stderr.write(
    `wrote ${chosen.length} emoji in ${styles.length} styles to ${outDir} ` +
      `(${skipped} of ${datasource.length} left out: components, or no label or Twemoji drawing)\n`,
  );
}

main().catch((e: unknown) => {
  process.stderr.write(`prepare-emoji failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
