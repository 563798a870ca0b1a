/**
 * A strict reader of NumPy's .npy format (numpy.lib.format, versions 1.0 to 3.0) for what embeddings
 * are saved as: a float32 or float64 array, little-endian, C order, one or two dimensions. Anything else
 * is refused with the reason, rather than read wrong: a Fortran-order or big-endian file would give
 * plausible-looking but scrambled rows.
 */

/** A 2-D array of numbers read from a .npy file: `rows` × `cols`, row-major. */
export interface NpyMatrix {
  readonly rows: number;
  readonly cols: number;
  /** float32 files keep their values exactly; float64 files are rounded to float32. */
  readonly data: Float32Array;
  /** The file's dtype as written ('<f4' or '<f8'). */
  readonly dtype: string;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

/** Parses one .npy file. `name` goes into the messages. A 1-D array of length n reads as [n, 1]. */
export function parseNpy(bytes: Uint8Array, name = 'the .npy file'): NpyMatrix {
  const fail = (why: string): never => {
    throw new Error(`${name}: ${why}`);
  };
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b))
    fail('is not a NumPy .npy file (it does not start with \\x93NUMPY)');
  const major = bytes[6];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let headerLength: number;
  let headerStart: number;
  if (major === 1) {
    headerLength = view.getUint16(8, true);
    headerStart = 10;
  } else if (major === 2 || major === 3) {
    if (bytes.length < 12) fail('ends inside its header');
    headerLength = view.getUint32(8, true);
    headerStart = 12;
  } else return fail(`uses .npy format version ${major}.${bytes[7]}; versions 1.0 to 3.0 are read`);
  const dataStart = headerStart + headerLength;
  if (dataStart > bytes.length) fail('ends inside its header');
  const header = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(
    bytes.subarray(headerStart, dataStart),
  );
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(header)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined)
    return fail(`has a header NumPy did not write: ${header.trim().slice(0, 120)}`);
  if (descr !== '<f4' && descr !== '<f8') {
    const hint = descr === '>f4' || descr === '>f8' ? ' (big-endian: save with arr.astype("<f4"))' : '';
    fail(`holds '${descr}' values; float32 ('<f4') or float64 ('<f8') little-endian is read${hint}`);
  }
  if (fortran === 'True')
    fail('is in Fortran order; save it in C order (np.save(path, np.ascontiguousarray(arr)))');
  const shape = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map(Number);
  if (shape.some((s) => !Number.isInteger(s) || s < 0))
    fail(`has a shape NumPy did not write: (${shapeText})`);
  if (shape.length === 0 || shape.length > 2)
    fail(`is a ${shape.length}-D array of shape (${shape.join(', ')}); one row per item, [n, d], is read`);
  const rows = shape[0];
  const cols = shape.length === 2 ? shape[1] : 1;
  const width = descr === '<f4' ? 4 : 8;
  const expected = rows * cols * width;
  const available = bytes.length - dataStart;
  if (available !== expected)
    fail(
      `should hold ${rows} × ${cols} values (${expected} bytes) after its header but holds ${available} bytes` +
        (available < expected ? ': it is cut off' : ''),
    );
  const data = new Float32Array(rows * cols);
  // The data may sit at any byte offset of the buffer, so read through the DataView rather than a typed view.
  if (width === 4) for (let i = 0; i < data.length; i++) data[i] = view.getFloat32(dataStart + 4 * i, true);
  else for (let i = 0; i < data.length; i++) data[i] = view.getFloat64(dataStart + 8 * i, true);
  return { rows, cols, data, dtype: descr };
}

/** Writes a float32 [rows, cols] array as a version 1.0 .npy file (for tests and round trips). */
export function encodeNpy(data: Float32Array, rows: number, cols: number): Uint8Array {
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${rows}, ${cols}), }`;
  // The header is padded with spaces and a newline so the data starts at a multiple of 64 bytes.
  const total = Math.ceil((10 + header.length + 1) / 64) * 64;
  header = header.padEnd(total - 10 - 1, ' ') + '\n';
  const out = new Uint8Array(total + data.length * 4);
  out.set(MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  new DataView(out.buffer).setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  const view = new DataView(out.buffer);
  for (let i = 0; i < data.length; i++) view.setFloat32(total + 4 * i, data[i], true);
  return out;
}
