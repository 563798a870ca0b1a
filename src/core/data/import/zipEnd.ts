/**
 * Checking a zip archive's end: the end-of-central-directory record and the central directory it points
 * to. The importer reads entries from their local headers as it streams (see zip.ts), so it needs neither
 * to read the files; but their state says what happened to the archive. No end record means the archive
 * was cut short (a download or copy that stopped), so files after the cut are lost without a trace. An end
 * record whose directory does not hold up means the index is damaged, while the files themselves were
 * still read from their own headers.
 */

/** 'PK\5\6': the end-of-central-directory record, 22 bytes plus a comment of up to 65,535. */
const END_SIGNATURE = 0x06054b50;
/** 'PK\1\2': one central directory entry, 46 bytes plus its name, extra field and comment. */
const ENTRY_SIGNATURE = 0x02014b50;
const END_BYTES = 22;
const MAX_COMMENT = 0xffff;

export type ZipEnd =
  | { readonly state: 'intact' }
  /** No end record in the last 64 KiB: the archive stops before its end, maybe inside a file. */
  | { readonly state: 'cut-short' }
  /** No end record, but the directory begins in what is there: every file came before the cut. */
  | { readonly state: 'cut-in-directory' }
  /** An end record, but the directory it describes is missing or malformed; `problem` says how. */
  | { readonly state: 'damaged-directory'; readonly problem: string };

const u16 = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8);
const u32 = (b: Uint8Array, at: number) => (u16(b, at) | (u16(b, at + 2) << 16)) >>> 0;

/** Where the end record starts (searching back over a possible comment), or -1. */
function findEnd(bytes: Uint8Array): number {
  const lowest = Math.max(0, bytes.length - END_BYTES - MAX_COMMENT);
  for (let at = bytes.length - END_BYTES; at >= lowest; at--) {
    // The comment length must reach exactly to the end, so a 'PK\5\6' inside file data is not taken.
    if (u32(bytes, at) === END_SIGNATURE && at + END_BYTES + u16(bytes, at + 20) === bytes.length) return at;
  }
  return -1;
}

/**
 * Whether the central directory's entry for the archive's first file (local header at offset 0, named
 * `firstName`) is among the bytes: the directory follows every file, so then no file was cut off.
 */
function reachesDirectory(bytes: Uint8Array, firstName: string): boolean {
  const name = new TextEncoder().encode(firstName);
  for (let at = bytes.indexOf(0x50); at >= 0 && at + 46 <= bytes.length; at = bytes.indexOf(0x50, at + 1)) {
    if (u32(bytes, at) !== ENTRY_SIGNATURE || u32(bytes, at + 42) !== 0) continue;
    if (u16(bytes, at + 28) !== name.length || at + 46 + name.length > bytes.length) continue;
    if (name.every((b, i) => bytes[at + 46 + i] === b)) return true;
  }
  return false;
}

/**
 * The state of the archive's end. `localEntries`: how many entries the stream found by their local
 * headers (a directory that lists another number is reported as damaged); `firstName`: the first one's.
 */
export function checkZipEnd(bytes: Uint8Array, localEntries: number, firstName?: string): ZipEnd {
  const end = findEnd(bytes);
  if (end < 0) {
    const complete = firstName !== undefined && reachesDirectory(bytes, firstName);
    return { state: complete ? 'cut-in-directory' : 'cut-short' };
  }
  const count = u16(bytes, end + 10);
  const size = u32(bytes, end + 12);
  const offset = u32(bytes, end + 16);
  // ZIP64 archives keep the real figures in another record; their local headers were read all the same.
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) return { state: 'intact' };
  if (offset + size > end)
    return { state: 'damaged-directory', problem: 'its end record points past the end of the file' };
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || u32(bytes, at) !== ENTRY_SIGNATURE) {
      return {
        state: 'damaged-directory',
        problem: `entry ${i + 1} of the ${count} it lists is unreadable`,
      };
    }
    at += 46 + u16(bytes, at + 28) + u16(bytes, at + 30) + u16(bytes, at + 32);
  }
  if (count !== localEntries) {
    return {
      state: 'damaged-directory',
      problem: `it lists ${count} entries where the archive holds ${localEntries}`,
    };
  }
  return { state: 'intact' };
}
