/**
 * Caption files in the Hugging Face imagefolder convention: a `metadata.jsonl` (one JSON object per
 * line) or `metadata.csv` (a header row) with a `file_name` column naming an image relative to the
 * metadata file's folder and a `text` column holding its caption (`caption` is accepted too). Several rows
 * for one file give it several captions, and in JSONL `text` may also be an array of captions.
 * An `audio_file_name` column may name each image's sound (relative like `file_name`); the first row of
 * an image that names one gives it.
 */
import Papa from 'papaparse';
import { decodeText } from './captionText';
import { dirName, normalisePath } from './paths';
import type { Rejection } from './types';

export const METADATA_NAMES = ['metadata.jsonl', 'metadata.csv'] as const;

/** Raw (uncleaned) captions by the normalised path of the image they name. */
export interface MetadataFile {
  /** The metadata file's own path. */
  readonly path: string;
  /** The folder its file names are relative to ('' at the top). */
  readonly folder: string;
  /** Image path -> raw caption values, in file order, with the metadata line each came from. */
  readonly captions: Map<string, { text: unknown; line: number }[]>;
  /** Image path -> the normalised path of the sound its rows name, and the line that named it first. */
  readonly audio: Map<string, { path: string; line: number }>;
  /** Lines that could not be used. */
  readonly rejected: Rejection[];
}

const TEXT_KEYS = ['text', 'caption'] as const;

function lineRejection(path: string, line: number, detail: string): Rejection {
  return { path: `${path}:${line}`, reason: 'bad-metadata', detail };
}

/** Adds one row's captions under its image path; reports a row that names no file. */
function addRow(file: MetadataFile, row: Record<string, unknown>, line: number): void {
  const name = row['file_name'];
  if (typeof name !== 'string' || name.trim() === '') {
    file.rejected.push(lineRejection(file.path, line, 'has no file_name'));
    return;
  }
  const key = TEXT_KEYS.find((k) => Object.hasOwn(row, k));
  if (key === undefined) {
    file.rejected.push(lineRejection(file.path, line, `has no text for '${name.slice(0, 200)}'`));
    return;
  }
  const value = row[key];
  const texts = Array.isArray(value) ? value : [value];
  const image = normalisePath(file.folder ? `${file.folder}/${name.trim()}` : name.trim());
  const list = file.captions.get(image) ?? [];
  for (const text of texts) list.push({ text, line });
  file.captions.set(image, list);
  const sound = row['audio_file_name'];
  if (typeof sound === 'string' && sound.trim() !== '' && !file.audio.has(image)) {
    const path = normalisePath(file.folder ? `${file.folder}/${sound.trim()}` : sound.trim());
    file.audio.set(image, { path, line });
  }
}

function parseJsonl(file: MetadataFile, text: string): void {
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch {
      file.rejected.push(lineRejection(file.path, i + 1, 'is not valid JSON'));
      return;
    }
    if (row === null || typeof row !== 'object' || Array.isArray(row)) {
      file.rejected.push(lineRejection(file.path, i + 1, 'is not a JSON object'));
      return;
    }
    addRow(file, row as Record<string, unknown>, i + 1);
  });
}

function parseCsv(file: MetadataFile, text: string): void {
  const parsed = Papa.parse<Record<string, unknown>>(text, {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (h) => h.trim().toLowerCase(),
  });
  const fields = parsed.meta.fields ?? [];
  if (!fields.includes('file_name')) {
    file.rejected.push({ path: file.path, reason: 'bad-metadata', detail: 'has no file_name column' });
    return;
  }
  // Rows papaparse could not read cleanly (broken quoting, wrong field count) are reported, not guessed at.
  const badRows = new Map<number, string>();
  const last = parsed.data.length - 1;
  for (const e of parsed.errors) {
    if (e.row === undefined) continue;
    // Field-count errors give the data row; quote errors count the header row too. An unterminated quote
    // swallows the rest of the file into the row where it starts.
    badRows.set(e.type === 'Quotes' ? Math.max(0, Math.min(e.row - 1, last)) : e.row, e.message);
  }
  parsed.data.forEach((row, i) => {
    const line = i + 2; // data row i sits below the header row (approximate when quoted fields span lines)
    const error = badRows.get(i);
    if (error !== undefined)
      file.rejected.push(lineRejection(file.path, line, `could not be read: ${error}`));
    else addRow(file, row, line);
  });
}

/** Reads one metadata file. Never throws: unreadable content becomes rejections. */
export function parseMetadata(path: string, bytes: Uint8Array): MetadataFile {
  const normal = normalisePath(path);
  const file: MetadataFile = {
    path: normal,
    folder: dirName(normal),
    captions: new Map(),
    audio: new Map(),
    rejected: [],
  };
  try {
    const text = decodeText(bytes);
    if (normal.toLowerCase().endsWith('.jsonl')) parseJsonl(file, text);
    else parseCsv(file, text);
  } catch (e) {
    file.rejected.push({
      path: normal,
      reason: 'bad-metadata',
      detail: `could not be read (${e instanceof Error ? e.message.slice(0, 200) : 'unknown error'})`,
    });
  }
  return file;
}

/** True for a file the importer reads as captions for a whole folder. */
export function isMetadataFile(path: string): boolean {
  const base = normalisePath(path).split('/').pop()?.toLowerCase() ?? '';
  return (METADATA_NAMES as readonly string[]).includes(base);
}
