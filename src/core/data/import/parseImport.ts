/**
 * Parsing and validating a user's own image–caption pairs, before any pixel is decoded. Takes the files
 * of a dropped folder, a multiple-file pick or a zip archive, and returns the images that passed every
 * check with their captions, every rejected item with its reason, and a summary. Never throws, whatever
 * the bytes: each entry is handled on its own, so one hostile file cannot take the others down.
 */
import { gatherFiles } from './gather';
import { isMetadataFile, parseMetadata, type MetadataFile } from './metadata';
import { CaptionSources } from './captionSources';
import { SoundFiles } from './soundFiles';
import { describeContent, sniffImage } from './imageType';
import { readImageHeader } from './imageHeader';
import { ContentIndex } from './duplicates';
import { extension } from './paths';
import { byPath, summarise } from './summary';
import {
  DEFAULT_LIMITS,
  type ImportEntry,
  type ImportLimits,
  type ImportNote,
  type ImportResult,
  type ImportedItem,
  type ImageMime,
  type ListedNotDropped,
  type Rejection,
} from './types';

export interface ParseOptions {
  /** Overrides of DEFAULT_LIMITS. */
  readonly limits?: Partial<ImportLimits>;
  /**
   * How far parsing got, for a live count on a large import (the caller throttles): 'unpacking' in bytes
   * of the archive being expanded, then 'checking' in files checked of all files found.
   */
  readonly onProgress?: (phase: 'unpacking' | 'checking', done: number, total: number) => void;
}

interface Candidate {
  readonly file: ImportEntry;
  readonly mime: ImageMime;
  readonly width: number;
  readonly height: number;
}

const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;

/** An image file's type and size, or why it cannot be an image for training. */
function checkImage(file: ImportEntry, limits: ImportLimits): Candidate | Rejection {
  const { path, bytes } = file;
  if (bytes.length === 0) return { path, reason: 'empty-file', detail: 'is empty (0 bytes)' };
  const mime = sniffImage(bytes);
  if (mime === null) {
    const ext = extension(path);
    const what = ext === 'txt' ? 'a text file with no image of the same name' : describeContent(bytes);
    return { path, reason: 'unsupported-type', detail: `is ${what}` };
  }
  if (bytes.length > limits.maxFileBytes) {
    return {
      path,
      reason: 'too-large',
      detail: `is ${mib(bytes.length)} (limit ${mib(limits.maxFileBytes)})`,
    };
  }
  const header = readImageHeader(bytes, mime);
  if (!header.ok) return { path, reason: header.reason, detail: header.detail };
  const { width, height } = header;
  // SVG is drawn at the model's input size, so its declared size costs nothing.
  const raster = mime !== 'image/svg+xml';
  if (
    raster &&
    (width > limits.maxDimension || height > limits.maxDimension || width * height > limits.maxPixels)
  ) {
    return {
      path,
      reason: 'too-many-pixels',
      detail: `declares ${width}x${height} pixels (limit ${limits.maxDimension} per side, ${limits.maxPixels} in all)`,
    };
  }
  return { file, mime, width, height };
}

export function parseImport(input: readonly ImportEntry[], options: ParseOptions = {}): ImportResult {
  const limits: ImportLimits = { ...DEFAULT_LIMITS, ...(options.limits ?? {}) };
  const notes: ImportNote[] = [];
  const progress = options.onProgress;
  const gathered = gatherFiles(input, limits, (done, total) => progress?.('unpacking', done, total));
  const { files } = gathered;
  const rejected = gathered.rejected;
  notes.push(...gathered.notes);

  const metadataFiles: MetadataFile[] = [];
  const sidecars: ImportEntry[] = [];
  const others: ImportEntry[] = [];
  for (const file of files) {
    if (isMetadataFile(file.path)) {
      if (file.bytes.length > limits.maxTextBytes) {
        rejected.push({
          path: file.path,
          reason: 'too-large',
          detail: `is ${mib(file.bytes.length)} of metadata`,
        });
        continue;
      }
      const parsed = parseMetadata(file.path, file.bytes);
      metadataFiles.push(parsed);
      for (const r of parsed.rejected) rejected.push(r); // may be thousands: no spread into push()
    } else if (extension(file.path) === 'txt') sidecars.push(file);
    else others.push(file);
  }
  // A metadata file an archive ends inside lists only the images before the cut: the rest fall back to
  // their file names (and the report says so) rather than being rejected as unlisted.
  const cutMetadata = new Set(
    rejected.filter((r) => r.reason === 'truncated' && isMetadataFile(r.path)).map((r) => r.path),
  );
  const sources = new CaptionSources(metadataFiles, sidecars, limits, notes, cutMetadata);
  const sounds = new SoundFiles(metadataFiles, limits);
  // Sound files are set aside first, so every image finds its sound whatever the order of the files.
  for (const file of others.splice(0)) {
    const sound = sounds.take(file);
    if (sound === false) others.push(file);
    else if (sound !== true) rejected.push(sound);
  }

  const items: ImportedItem[] = [];
  const byContent = new ContentIndex<ImportedItem>();
  const present = new Set<string>();
  for (const [index, file] of others.entries()) {
    progress?.('checking', index + 1, others.length);
    present.add(file.path);
    try {
      const checked = checkImage(file, limits);
      if ('reason' in checked) {
        rejected.push(checked);
        continue;
      }
      const found = sources.lookup(file.path);
      if (!found.ok) {
        rejected.push({ path: file.path, reason: found.reason, detail: found.detail });
        continue;
      }
      const audio = sounds.forImage(file.path);
      if (!audio.ok) {
        rejected.push(audio.rejection);
        continue;
      }
      const earlier = byContent.find(file.bytes);
      if (earlier) {
        // Same picture twice: keep one image, and its captions gain the duplicate's (nothing is lost).
        const merged = earlier.captions as string[];
        const added = found.captions.filter((c) => !merged.includes(c));
        merged.push(...added.slice(0, Math.max(0, limits.maxCaptionsPerImage - merged.length)));
        const extra = added.length > 0 ? `; its ${added.length} new caption(s) were added there` : '';
        rejected.push({
          path: file.path,
          reason: 'duplicate',
          detail: `has the same bytes as '${earlier.path}'${extra}`,
        });
        continue;
      }
      const item: ImportedItem = {
        path: file.path,
        mime: checked.mime,
        bytes: file.bytes,
        width: checked.width,
        height: checked.height,
        captions: found.captions,
        captionSource: found.source,
        ...(audio.audio ? { audio: { path: audio.audio.path, bytes: audio.audio.bytes } } : {}),
      };
      byContent.add(file.bytes, item);
      items.push(item);
    } catch (e) {
      rejected.push({
        path: file.path,
        reason: 'undecodable',
        detail: `could not be read (${e instanceof Error ? e.message.slice(0, 120) : 'unknown error'})`,
      });
    }
  }

  for (const sidecar of sidecars) {
    if (!sources.usedSidecars.has(sidecar.path) && !sources.shadowedSidecars.has(sidecar.path)) {
      rejected.push({
        path: sidecar.path,
        reason: 'unsupported-type',
        detail: 'is a text file with no image of the same name',
      });
    }
  }
  for (const r of sounds.unnamed()) rejected.push(r);
  const notDropped: ListedNotDropped[] = [];
  for (const [image, rows] of sources.namedImages()) {
    const first = rows[0];
    if (present.has(image) || !first) continue;
    notDropped.push({ path: `${first.file}:${first.line}`, file: image.slice(0, 300), rows: rows.length });
  }
  const captionFiles = [...metadataFiles.map((m) => m.path), ...sources.usedSidecars];
  const reported = gathered.cutArchives.reduce(
    (list, archive) => describeFallback(list, archive, items, cutMetadata),
    rejected,
  );
  return {
    items,
    rejected: byPath(reported),
    notDropped: byPath(notDropped),
    notes,
    captionFiles,
    summary: summarise(items, rejected, notDropped.length),
  };
}

/**
 * For an archive that was cut short: the images in it whose captions did not come from a metadata file
 * (it was lost after the cut, or cut off inside), counted and named in the archive's own rejection, so a
 * user knows which captions are file names rather than their text.
 */
function describeFallback(
  rejected: readonly Rejection[],
  archive: string,
  items: readonly ImportedItem[],
  cutMetadata: ReadonlySet<string>,
): Rejection[] {
  const inside = items.filter((i) => i.path.startsWith(`${archive}/`));
  const byName = inside.filter((i) => i.captionSource === 'filename');
  const bySidecar = inside.filter((i) => i.captionSource === 'sidecar');
  if (byName.length + bySidecar.length === 0) return [...rejected];
  const cut = [...cutMetadata].find((p) => p.startsWith(`${archive}/`));
  const what = cut ? `its ${cut.slice(archive.length + 1)} was cut off` : 'no metadata file survived the cut';
  const count = (n: number) => n.toLocaleString('en-US');
  const examples = byName
    .slice(0, 3)
    .map((i) => `'${i.path.slice(archive.length + 1)}'`)
    .join(', ');
  const fell = [
    ...(byName.length > 0
      ? [
          `${count(byName.length)} captions fell back to file names (${examples}${byName.length > 3 ? ', …' : ''})`,
        ]
      : []),
    ...(bySidecar.length > 0 ? [`${count(bySidecar.length)} came from .txt files`] : []),
  ].join(' and ');
  return rejected.map((r) =>
    r.path === archive && r.reason === 'truncated' ? { ...r, detail: `${r.detail}; ${what}: ${fell}` } : r,
  );
}
