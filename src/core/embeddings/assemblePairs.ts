import type { EmbeddingPairs } from './embeddingPairs';
import { columnOf, type MetadataTable, type VectorRows } from './projectorTsv';

/** One modality's vectors: the rows of `vectors` that belong to it, in the order read. */
export interface Modality {
  readonly name: string;
  readonly vectors: VectorRows;
  readonly rows: readonly number[];
  readonly source: string;
}

/**
 * Lines up two modalities into pairs and L2-normalises every row. With `pairColumn` (a cell per row of
 * `metadata`, indexed like the vectors' rows) the pairs are matched by it, each id once per modality;
 * otherwise row i of one is paired with row i of the other. `metadata` is read at the first modality's
 * rows (the keys, captions and split of each pair).
 */
export function assemblePairs(
  [ma, mb]: readonly [Modality, Modality],
  metadata: MetadataTable | null,
  pairColumn: readonly string[] | null,
  sources: readonly string[],
  notes: string[],
): EmbeddingPairs {
  let rowsA = ma.rows;
  let rowsB = mb.rows;
  if (pairColumn) [rowsA, rowsB] = matchByPair(ma, mb, pairColumn);
  else if (rowsA.length !== rowsB.length) {
    throw new Error(
      `${ma.name} has ${rowsA.length} rows but ${mb.name} has ${rowsB.length}: every item needs both ` +
        "(or add a 'pair' column to the metadata to match them).",
    );
  }
  const n = rowsA.length;
  if (n < 2) throw new Error(`Only ${n} pair(s): the metrics need at least 2.`);
  const a = normalisedRows(ma, rowsA, notes);
  const b = normalisedRows(mb, rowsB, notes);
  const cell = (names: string[]) => {
    const column = metadata ? columnOf(metadata, ...names) : null;
    return column ? rowsA.map((r) => column[r] ?? '') : null;
  };
  const keyColumn = cell(['key']);
  const labelColumn = keyColumn ? null : cell(['label', 'class']);
  const keys = keyColumn ?? labelColumn ?? Array.from({ length: n }, (_, i) => String(i));
  const split = cell(['split']);
  return {
    names: [ma.name, mb.name],
    sources,
    n,
    dims: [ma.vectors.cols, mb.vectors.cols],
    a,
    b,
    keys,
    keySource: keyColumn ? 'key' : labelColumn ? 'label' : 'identity',
    captions: cell(['caption', 'text', 'label']),
    heldOut: split ? Uint8Array.from(split, (s) => (/held.?out/i.test(s) ? 1 : 0)) : null,
    notes,
  };
}

function matchByPair(ma: Modality, mb: Modality, pair: readonly string[]): [number[], number[]] {
  const index = (m: Modality) => {
    const at = new Map<string, number>();
    for (const r of m.rows) {
      const id = pair[r];
      if (at.has(id))
        throw new Error(
          `Pair ${JSON.stringify(id)} appears twice among the ${m.name} rows (lines ${at.get(id)! + 2} and ${r + 2} of the metadata).`,
        );
      at.set(id, r);
    }
    return at;
  };
  const atA = index(ma);
  const atB = index(mb);
  const rowsA: number[] = [];
  const rowsB: number[] = [];
  for (const [id, r] of atA) {
    const other = atB.get(id);
    if (other === undefined)
      throw new Error(`Pair ${JSON.stringify(id)} has a ${ma.name} row but no ${mb.name} row.`);
    rowsA.push(r);
    rowsB.push(other);
  }
  if (atB.size !== atA.size) {
    const missing = [...atB.keys()].find((id) => !atA.has(id)) ?? '';
    throw new Error(`Pair ${JSON.stringify(missing)} has a ${mb.name} row but no ${ma.name} row.`);
  }
  return [rowsA, rowsB];
}

/**
 * The chosen rows, each scaled to unit length (the metrics compare directions). A non-finite value or a
 * row of zeros cannot be normalised and is reported with its file and row. Rows that were not already
 * unit length (beyond float rounding) are noted, with the range of their lengths.
 */
function normalisedRows(m: Modality, rows: readonly number[], notes: string[]): Float32Array {
  const d = m.vectors.cols;
  const src = m.vectors.data;
  const out = new Float32Array(rows.length * d);
  let least = Infinity;
  let most = 0;
  for (let i = 0; i < rows.length; i++) {
    const at = rows[i] * d;
    let s = 0;
    for (let k = 0; k < d; k++) {
      const v = src[at + k];
      if (!Number.isFinite(v))
        throw new Error(
          `${m.source}: row ${rows[i] + 1}, value ${k + 1} is ${v} (${m.name}): every value must be a finite number.`,
        );
      s += v * v;
    }
    const norm = Math.sqrt(s);
    if (!(norm > 0))
      throw new Error(`${m.source}: row ${rows[i] + 1} (${m.name}) is all zeros and has no direction.`);
    least = Math.min(least, norm);
    most = Math.max(most, norm);
    for (let k = 0; k < d; k++) out[i * d + k] = src[at + k] / norm;
  }
  if (Math.abs(least - 1) > 1e-3 || Math.abs(most - 1) > 1e-3) {
    notes.push(
      `${m.name} rows were L2-normalised (lengths ${least.toPrecision(3)} to ${most.toPrecision(3)})`,
    );
  }
  return out;
}
