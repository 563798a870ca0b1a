/**
 * The Embedding Projector's text files (projector.tensorflow.org): `vectors.tsv`, one point per line as
 * tab-separated numbers with no header, and `metadata.tsv`, the same points described line by line (a
 * header line when it has more than one column, as the Projector expects).
 */

/** Rows of numbers: `rows` × `cols`, row-major. */
export interface VectorRows {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float32Array;
}

/** The lines of a text file, without a final empty line and without Windows line ends. */
function lines(text: string): string[] {
  const out = text.split('\n');
  if (out.length > 0 && out[out.length - 1].trim() === '') out.pop();
  for (let i = 0; i < out.length; i++) if (out[i].endsWith('\r')) out[i] = out[i].slice(0, -1);
  return out;
}

/**
 * Parses a vectors.tsv. Every line must have as many numbers as the first, and every number must be
 * finite: the first offending line is named (1-based, as an editor counts them).
 */
export function parseVectorsTsv(text: string, name = 'vectors.tsv'): VectorRows {
  const all = lines(text);
  if (all.length === 0) throw new Error(`${name} is empty`);
  const cols = all[0].split('\t').length;
  const data = new Float32Array(all.length * cols);
  for (let r = 0; r < all.length; r++) {
    const cells = all[r].split('\t');
    if (cells.length !== cols) {
      throw new Error(
        `${name}: line ${r + 1} has ${cells.length} values but line 1 has ${cols}: every row must be as wide`,
      );
    }
    for (let c = 0; c < cols; c++) {
      const cell = cells[c];
      const v = cell.trim() === '' ? NaN : Number(cell);
      if (!Number.isFinite(v)) {
        const what =
          cell.trim() === '' ? 'is empty' : `is ${JSON.stringify(cell.slice(0, 20))}, not a finite number`;
        throw new Error(`${name}: line ${r + 1}, value ${c + 1} ${what}`);
      }
      data[r * cols + c] = v;
    }
  }
  return { rows: all.length, cols, data };
}

/** A metadata.tsv: its column names (lower-cased) and its rows of cells. */
export interface MetadataTable {
  /** Column names, lower-cased; a one-column file has no header and its column is called 'label'. */
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/** Parses a metadata.tsv. Rows with fewer cells than the header are padded with empty cells. */
export function parseMetadataTsv(text: string): MetadataTable {
  const all = lines(text);
  if (all.length === 0) return { columns: [], rows: [] };
  const first = all[0].split('\t');
  // The Projector's convention: a single column has no header line.
  if (first.length === 1) return { columns: ['label'], rows: all.map((l) => [l]) };
  const columns = first.map((c) => c.trim().toLowerCase());
  const rows = all.slice(1).map((l) => {
    const cells = l.split('\t');
    while (cells.length < columns.length) cells.push('');
    return cells;
  });
  return { columns, rows };
}

/** The cells of one column (by any of `names`), or null when the table has none of them. */
export function columnOf(table: MetadataTable, ...names: string[]): string[] | null {
  const at = table.columns.findIndex((c) => names.includes(c));
  return at < 0 ? null : table.rows.map((r) => r[at]);
}
