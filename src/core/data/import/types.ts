/**
 * The vocabulary of importing a user's own image–caption pairs: what comes in (named byte entries from a
 * folder, a file picker or a zip), what goes out (kept items with their captions, rejected items with a
 * reason), and the limits that decide between the two. Plain data throughout: every value here crosses
 * a worker boundary as is.
 */

/** One file as the user gave it: its path inside the folder or archive, and its bytes. */
export interface ImportEntry {
  readonly path: string;
  readonly bytes: Uint8Array;
}

/** Image types the importer recognises, by their magic bytes. */
export type ImageMime =
  'image/png' | 'image/jpeg' | 'image/webp' | 'image/gif' | 'image/bmp' | 'image/svg+xml';

/** Why an item was left out. Each is specific enough that a user knows what to fix. */
export type RejectReason =
  | 'unsupported-type'
  | 'empty-file'
  | 'undecodable'
  | 'truncated'
  | 'missing-caption'
  | 'empty-caption'
  | 'duplicate'
  | 'too-large'
  | 'too-many-pixels'
  | 'decompression-bomb'
  | 'unsafe-path'
  | 'hidden-file'
  | 'bad-metadata'
  | 'too-many-files'
  | 'missing-audio'
  | 'silent-audio'
  | 'too-long-audio';

export const REJECT_REASONS: readonly RejectReason[] = [
  'unsupported-type',
  'empty-file',
  'undecodable',
  'truncated',
  'missing-caption',
  'empty-caption',
  'duplicate',
  'too-large',
  'too-many-pixels',
  'decompression-bomb',
  'unsafe-path',
  'hidden-file',
  'bad-metadata',
  'too-many-files',
  'missing-audio',
  'silent-audio',
  'too-long-audio',
];

/** A rejected item (a file, a zip entry, or a line of a metadata file), and why, in words. */
export interface Rejection {
  /** The item's path; for a metadata line, `metadata.csv:12`. */
  readonly path: string;
  readonly reason: RejectReason;
  /** Plain-text detail, e.g. 'declares 20000x20000 pixels (limit 4096x4096)'. Never HTML. */
  readonly detail: string;
}

/**
 * An image a metadata file lists that was not among the files given: not a broken file, just one the user
 * did not drop (five images picked out of a folder whose metadata lists thirty). Reported apart from the
 * rejections, and not counted among them.
 */
export interface ListedNotDropped {
  /** Where it is listed: the first row naming it, e.g. `metadata.jsonl:4`. */
  readonly path: string;
  /** The image path the row names. */
  readonly file: string;
  /** How many rows name it (several rows give one image several captions). */
  readonly rows: number;
}

/** Something changed but nothing was lost, e.g. a caption cut to the length limit. */
export interface ImportNote {
  readonly path: string;
  readonly note: string;
}

/** Where an item's captions came from, in order of precedence. */
export type CaptionSource = 'metadata' | 'sidecar' | 'filename';

/** An image that passed every check before decoding, with its cleaned captions. */
export interface ImportedItem {
  readonly path: string;
  readonly mime: ImageMime;
  readonly bytes: Uint8Array;
  /** Pixel size read from the header; 0 when the header does not say (some SVGs). */
  readonly width: number;
  readonly height: number;
  /** One or more non-empty plain-text captions. */
  readonly captions: readonly string[];
  readonly captionSource: CaptionSource;
  /** The sound its metadata row names (`audio_file_name`), when it names one; decoded with the image. */
  readonly audio?: { readonly path: string; readonly bytes: Uint8Array };
}

export interface ImportSummary {
  /** Image–caption pairs kept: the sum of captions over kept images. */
  readonly pairs: number;
  /** Images kept. */
  readonly images: number;
  /** Captions kept (equal to pairs). */
  readonly captions: number;
  /** Rejections counted by reason (every reason present, 0 when none). */
  readonly rejected: Readonly<Record<RejectReason, number>>;
  /** Total rejections. */
  readonly rejectedTotal: number;
  /** Images listed in metadata but not among the files (not rejections); absent in older stored reports. */
  readonly notDropped?: number;
}

/** The result of parsing and validating a set of entries (before any pixel is decoded). */
export interface ImportResult {
  readonly items: readonly ImportedItem[];
  readonly rejected: readonly Rejection[];
  /** Images metadata lists that were not given, by path (see ListedNotDropped). */
  readonly notDropped: readonly ListedNotDropped[];
  readonly notes: readonly ImportNote[];
  /** Metadata and sidecar text files whose captions were read (so every input path is accounted for). */
  readonly captionFiles: readonly string[];
  readonly summary: ImportSummary;
}

/** Limits that keep hostile or accidental input from exhausting memory or time. */
export interface ImportLimits {
  /** Largest accepted image file, in bytes. */
  readonly maxFileBytes: number;
  /** Largest accepted width or height, in pixels, read from the header. */
  readonly maxDimension: number;
  /** Largest accepted width x height, in pixels (a 20000x20000 image is ~1.6 GB decoded). */
  readonly maxPixels: number;
  /** Most files considered, after expanding archives; the rest are rejected as too many. */
  readonly maxFiles: number;
  /** Largest metadata or sidecar text file, in bytes. */
  readonly maxTextBytes: number;
  /** Largest total of uncompressed bytes taken from one zip archive. */
  readonly maxZipTotalBytes: number;
  /** Largest uncompressed size of one zip entry. */
  readonly maxZipEntryBytes: number;
  /** Largest uncompressed / compressed ratio of a zip entry over 1 MiB before it counts as a bomb. */
  readonly maxZipRatio: number;
  /** Longest caption kept, in characters; longer ones are cut (with a note). */
  readonly maxCaptionChars: number;
  /** Most captions kept per image. */
  readonly maxCaptionsPerImage: number;
}

export const DEFAULT_LIMITS: ImportLimits = {
  maxFileBytes: 20 * 1024 * 1024,
  maxDimension: 8192,
  maxPixels: 40_000_000,
  // 100,000 pairs of small pictures import, train and lay out (bench/RESULTS.md, 'scale-100k').
  maxFiles: 200_000,
  maxTextBytes: 50 * 1024 * 1024,
  maxZipTotalBytes: 1024 * 1024 * 1024,
  maxZipEntryBytes: 64 * 1024 * 1024,
  maxZipRatio: 1000,
  maxCaptionChars: 500,
  maxCaptionsPerImage: 32,
};
