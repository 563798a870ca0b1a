/**
 * The first pass of an import: every entry becomes zero or more files with a clean path. Zip archives are
 * expanded, hidden clutter and unsafe names are set aside, repeated paths and files past the count limit
 * are reported, and the rest come back sorted by path, so the same drop always imports in the same order
 * whatever order the browser listed it in.
 */
import { extension, hiddenPathReason, normalisePath, unsafePathReason } from './paths';
import { describeContent, isZip } from './imageType';
import { expandZip } from './zip';
import type { ImportEntry, ImportLimits, ImportNote, Rejection } from './types';

export interface GatheredFiles {
  /** Files with normalised, unique paths, sorted by path. */
  readonly files: ImportEntry[];
  readonly rejected: Rejection[];
  /** What changed without loss (a zip's damaged index). */
  readonly notes: ImportNote[];
  /** The paths of archives that were cut short: images in them may have lost their metadata captions. */
  readonly cutArchives: string[];
}

const safeName = (path: unknown): string =>
  typeof path === 'string' && path.length > 0 ? path.slice(0, 300) : '(unnamed)';

/** `onUnpack`: an archive's bytes read so far and its size, as it is expanded (see expandZip). */
export function gatherFiles(
  input: readonly ImportEntry[],
  limits: ImportLimits,
  onUnpack?: (done: number, total: number) => void,
): GatheredFiles {
  const rejected: Rejection[] = [];
  const files: ImportEntry[] = [];
  const notes: ImportNote[] = [];
  const cutArchives: string[] = [];
  // The entries come from a worker message: each is checked, whatever the type says.
  const entries: readonly unknown[] = Array.isArray(input) ? input : [];
  for (const entry of entries) {
    const raw: Partial<Record<keyof ImportEntry, unknown>> = entry && typeof entry === 'object' ? entry : {};
    const name = safeName(raw.path);
    if (!(raw.bytes instanceof Uint8Array) || typeof raw.path !== 'string') {
      rejected.push({ path: name, reason: 'undecodable', detail: 'could not be read as a file' });
      continue;
    }
    const unsafe = unsafePathReason(raw.path);
    if (unsafe) {
      rejected.push({ path: name, reason: 'unsafe-path', detail: unsafe });
      continue;
    }
    const path = normalisePath(raw.path);
    const hidden = hiddenPathReason(path);
    if (hidden) {
      rejected.push({ path, reason: 'hidden-file', detail: hidden });
      continue;
    }
    if (extension(path) === 'zip' && isZip(raw.bytes)) {
      const expanded = expandZip({ path, bytes: raw.bytes }, limits, onUnpack);
      // Appended one by one: spreading 100,000 entries into push() overflows the call stack.
      for (const entry of expanded.entries) files.push(entry);
      for (const r of expanded.rejected) rejected.push(r);
      notes.push(...expanded.notes);
      if (expanded.cutShort) cutArchives.push(path);
    } else if (extension(path) === 'zip' && raw.bytes.length > 0) {
      // Named as an archive but not one: say so, rather than judge it as an image.
      const what = describeContent(raw.bytes);
      const seems =
        what === 'not a recognised image' ? 'nor any file type the importer knows' : `it is ${what}`;
      rejected.push({
        path,
        reason: 'unsupported-type',
        detail: `is not a zip archive: it does not begin with a zip signature (${seems})`,
      });
    } else {
      files.push({ path, bytes: raw.bytes });
    }
  }

  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const unique: ImportEntry[] = [];
  for (const file of files) {
    const previous = unique[unique.length - 1];
    if (previous && previous.path === file.path) {
      rejected.push({ path: file.path, reason: 'duplicate', detail: 'has the same path as an earlier file' });
    } else if (unique.length >= limits.maxFiles) {
      rejected.push({
        path: file.path,
        reason: 'too-many-files',
        detail: `is past the limit of ${limits.maxFiles} files`,
      });
    } else {
      unique.push(file);
    }
  }
  return { files: unique, rejected, notes, cutArchives };
}
