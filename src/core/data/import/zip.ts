/**
 * Expanding a .zip archive into entries, defensively. Each entry is inflated in a stream and counted as
 * it grows, so a decompression bomb (a few KB that claim, or secretly hold, gigabytes) is stopped at the
 * limit instead of filling memory; entries with unsafe or hidden names are never inflated at all.
 */
import { Unzip, UnzipInflate, type UnzipFile } from 'fflate';
import { hiddenPathReason, normalisePath, unsafePathReason } from './paths';
import { isMetadataFile } from './metadata';
import { checkZipEnd } from './zipEnd';
import type { ImportEntry, ImportLimits, ImportNote, Rejection } from './types';

/** Bytes handed to the inflater per push: bounds one inflate step to ~1032x this (deflate's maximum ratio). */
const PUSH_BYTES = 32 * 1024;
/** Entries smaller than this are never judged by ratio: a 1 KB file of spaces is harmless. */
const RATIO_FLOOR_BYTES = 1024 * 1024;

export interface ExpandedArchive {
  readonly entries: ImportEntry[];
  readonly rejected: Rejection[];
  /** A damaged index whose files were all read all the same. */
  readonly notes: ImportNote[];
  /**
   * The archive stops before its end (no end record): files after the cut are lost without a name, so
   * captions their metadata held may be missing (parseImport says which images fell back).
   */
  readonly cutShort: boolean;
}

/** An entry being inflated: what it has given so far, kept in case the archive ends inside it. */
interface Pending {
  readonly name: string;
  readonly chunks: Uint8Array[];
}

const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
/** 12,345: counts in messages that may run to thousands. */
const count = (n: number) => n.toLocaleString('en-US');
const amount = (n: number) => (n < 1024 * 1024 ? `${count(n)} bytes` : mib(n));

/**
 * The files inside a zip archive, their paths prefixed with the archive's own path
 * ('photos.zip/cats/tom.png'). Never throws: a damaged archive keeps the entries read before the damage
 * and reports the rest. Entries are read from their local headers, so a damaged central directory loses
 * nothing (it is noted); a metadata file the archive ends inside keeps its complete lines.
 */
export function expandZip(
  archive: ImportEntry,
  limits: ImportLimits,
  /** Called as the archive is read: bytes of it read so far, and its size (the caller throttles). */
  onProgress?: (done: number, total: number) => void,
): ExpandedArchive {
  const prefix = normalisePath(archive.path);
  const entries: ImportEntry[] = [];
  const rejected: Rejection[] = [];
  let total = 0;
  let totalExceeded = false;
  /** Entries started but not yet finished or stopped: what is left here at the end was cut off. */
  const pending = new Map<number, Pending>();
  let started = 0;
  /** Every entry the stream met, folders and rejected ones included: the directory should list as many. */
  let seen = 0;
  let firstName: string | undefined;
  const reject = (name: string, reason: Rejection['reason'], detail: string) =>
    rejected.push({ path: `${prefix}/${name.slice(0, 300)}`, reason, detail });

  const onFile = (file: UnzipFile): void => {
    seen++;
    const name = file.name;
    firstName ??= name;
    if (name.endsWith('/') || name.endsWith('\\')) return; // a folder, not a file
    const unsafe = unsafePathReason(name);
    if (unsafe) return void reject(name, 'unsafe-path', `${unsafe}; it was not extracted`);
    const hidden = hiddenPathReason(name);
    if (hidden) return void reject(name, 'hidden-file', hidden);
    if (file.compression !== 0 && file.compression !== 8) {
      return void reject(name, 'unsupported-type', `uses zip compression method ${file.compression}`);
    }
    const declared = file.originalSize;
    if (declared !== undefined && declared > limits.maxZipEntryBytes) {
      return void reject(
        name,
        'decompression-bomb',
        `declares ${mib(declared)} uncompressed (limit ${mib(limits.maxZipEntryBytes)})`,
      );
    }
    if (
      declared !== undefined &&
      file.size &&
      declared > RATIO_FLOOR_BYTES &&
      declared / file.size > limits.maxZipRatio
    ) {
      const ratio = Math.round(declared / file.size);
      return void reject(
        name,
        'decompression-bomb',
        `declares a compression ratio of ${ratio}:1 (limit ${limits.maxZipRatio}:1)`,
      );
    }
    if (totalExceeded) {
      return void reject(
        name,
        'decompression-bomb',
        `the archive already expanded past ${mib(limits.maxZipTotalBytes)}`,
      );
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    let stopped = false;
    const id = started++;
    pending.set(id, { name, chunks });
    file.ondata = (err, chunk, final) => {
      if (stopped) return;
      if (err) {
        stopped = true;
        pending.delete(id);
        return void reject(name, 'undecodable', `could not be inflated (${err.message.slice(0, 120)})`);
      }
      size += chunk.length;
      total += chunk.length;
      const ratio = file.size ? size / file.size : 0;
      let why: string | null = null;
      if (size > limits.maxZipEntryBytes) why = `expands past ${mib(limits.maxZipEntryBytes)}`;
      else if (size > RATIO_FLOOR_BYTES && file.size && ratio > limits.maxZipRatio)
        why = `expands more than ${limits.maxZipRatio}:1`;
      else if (total > limits.maxZipTotalBytes) {
        totalExceeded = true;
        why = `takes the archive past ${mib(limits.maxZipTotalBytes)} in total`;
      } else if (declared !== undefined && size > declared)
        why = `holds more bytes than the ${declared} it declares`;
      if (why) {
        stopped = true;
        pending.delete(id);
        total -= size;
        chunks.length = 0;
        file.terminate();
        return void reject(name, 'decompression-bomb', `${why}; it was not extracted`);
      }
      chunks.push(chunk);
      if (!final) return;
      pending.delete(id);
      entries.push({ path: `${prefix}/${normalisePath(name)}`, bytes: concat(chunks, size) });
    };
    try {
      file.start();
    } catch (e) {
      pending.delete(id);
      reject(
        name,
        'undecodable',
        `could not be read (${e instanceof Error ? e.message.slice(0, 120) : 'error'})`,
      );
    }
  };

  const unzip = new Unzip(onFile);
  unzip.register(UnzipInflate);
  let streamError: string | null = null;
  try {
    const bytes = archive.bytes;
    for (let at = 0; at < bytes.length; at += PUSH_BYTES) {
      const end = Math.min(bytes.length, at + PUSH_BYTES);
      unzip.push(bytes.subarray(at, end), end === bytes.length);
      onProgress?.(end, bytes.length);
    }
  } catch (e) {
    streamError = e instanceof Error ? e.message.slice(0, 120) : 'error';
  }
  for (const { name, chunks } of pending.values()) {
    const kept = isMetadataFile(name) ? completeLines(chunks) : null;
    if (kept) entries.push({ path: `${prefix}/${normalisePath(name)}`, bytes: kept });
    const lines = kept ? `; its complete lines up to the cut (${count(kept.length)} bytes) were read` : '';
    reject(name, 'truncated', `is cut off: the archive ends inside it${lines}`);
  }
  const end = checkZipEnd(archive.bytes, seen, firstName);
  const notes: ImportNote[] = [];
  if (end.state === 'cut-short') {
    rejected.push({
      path: prefix,
      reason: 'truncated',
      detail: `is cut short: it stops after ${amount(archive.bytes.length)} without the directory that ends every zip, so any files after the cut are lost; ${count(entries.length)} files before it were kept`,
    });
  } else if (streamError !== null) {
    rejected.push({
      path: prefix,
      reason: 'undecodable',
      detail: `is a damaged zip archive (${streamError}); ${entries.length} files before the damage were kept`,
    });
  } else if (end.state === 'cut-in-directory') {
    notes.push({
      path: prefix,
      note: `is cut short inside its central directory (the index at its end), after every file: the ${count(entries.length)} files were read from their own headers`,
    });
  } else if (end.state === 'damaged-directory') {
    notes.push({
      path: prefix,
      note: `its central directory (the index at its end) is damaged: ${end.problem}; the ${count(entries.length)} files were read from their own headers instead`,
    });
  }
  return { entries, rejected, notes, cutShort: end.state === 'cut-short' };
}

/** The bytes up to and including the last line break, or null when no line is complete. */
function completeLines(chunks: readonly Uint8Array[]): Uint8Array | null {
  const bytes = concat(
    chunks,
    chunks.reduce((n, c) => n + c.length, 0),
  );
  const last = bytes.lastIndexOf(0x0a);
  return last < 0 ? null : bytes.subarray(0, last + 1);
}

function concat(chunks: readonly Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
