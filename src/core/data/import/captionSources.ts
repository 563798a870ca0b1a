/**
 * Finding each image's captions, in order of precedence: rows of a metadata file, then a sidecar `.txt`
 * with the same name (one caption per non-empty line), then the file name itself. The file name is used
 * only where no metadata file covers the image's folder: under a metadata file, an unlisted image is an
 * omission to report, not an invitation to guess.
 */
import { baseName, dirName, stemPath } from './paths';
import { captionFromFileName, cleanCaption, decodeText } from './captionText';
import type { MetadataFile } from './metadata';
import type { CaptionSource, ImportEntry, ImportLimits, ImportNote, RejectReason } from './types';

export type CaptionLookup =
  | { readonly ok: true; readonly captions: string[]; readonly source: CaptionSource; readonly from?: string }
  | { readonly ok: false; readonly reason: RejectReason; readonly detail: string };

export class CaptionSources {
  private readonly metadata = new Map<string, { text: unknown; line: number; file: string }[]>();
  private readonly metadataFolders: string[] = [];
  private readonly sidecars = new Map<string, ImportEntry>();
  /** Metadata rows and sidecars that found their image. */
  readonly usedSidecars = new Set<string>();
  /** Sidecars not read because metadata gave their image's captions (noted, not rejected). */
  readonly shadowedSidecars = new Set<string>();
  readonly matchedImages = new Set<string>();

  constructor(
    metadataFiles: readonly MetadataFile[],
    sidecars: readonly ImportEntry[],
    private readonly limits: ImportLimits,
    private readonly notes: ImportNote[],
    /** Metadata files cut off inside: they do not cover their folder (see parseImport). */
    cutOff: ReadonlySet<string> = new Set(),
  ) {
    for (const file of metadataFiles) {
      if (!cutOff.has(file.path)) this.metadataFolders.push(file.folder);
      for (const [image, rows] of file.captions) {
        const list = this.metadata.get(image) ?? [];
        list.push(...rows.map((r) => ({ ...r, file: file.path })));
        this.metadata.set(image, list);
      }
    }
    for (const s of sidecars) this.sidecars.set(stemPath(s.path), s);
  }

  /** Every (metadata file, image) a row named, for reporting rows whose image never arrived. */
  namedImages(): Iterable<[string, { line: number; file: string }[]]> {
    return this.metadata.entries();
  }

  /** The captions of the image at `path` (normalised), cleaned, or why it has none. */
  lookup(path: string): CaptionLookup {
    const rows = this.metadata.get(path);
    const sidecar = this.sidecars.get(stemPath(path));
    if (rows) {
      this.matchedImages.add(path);
      if (sidecar && !this.shadowedSidecars.has(sidecar.path)) {
        this.shadowedSidecars.add(sidecar.path);
        this.notes.push({
          path: sidecar.path,
          note: `not read: the captions of '${path}' come from ${rows[0]?.file}`,
        });
      }
      const captions = this.clean(
        path,
        rows.map((r) => r.text),
      );
      if (captions.length > 0) return { ok: true, captions, source: 'metadata', from: rows[0]?.file };
      return { ok: false, reason: 'empty-caption', detail: `its rows in ${rows[0]?.file} have empty text` };
    }
    if (sidecar) {
      this.usedSidecars.add(sidecar.path);
      if (sidecar.bytes.length > this.limits.maxTextBytes) {
        return { ok: false, reason: 'too-large', detail: `its caption file '${sidecar.path}' is too large` };
      }
      const lines = decodeText(sidecar.bytes).split(/\r?\n|\r/);
      const captions = this.clean(path, lines);
      if (captions.length > 0) return { ok: true, captions, source: 'sidecar', from: sidecar.path };
      return { ok: false, reason: 'empty-caption', detail: `its caption file '${sidecar.path}' is empty` };
    }
    const folder = dirName(path);
    const covering = this.metadataFolders.find((f) => f === '' || folder === f || folder.startsWith(`${f}/`));
    if (covering !== undefined) {
      const where = covering ? `${covering}/metadata` : 'metadata';
      return {
        ok: false,
        reason: 'missing-caption',
        detail: `is not listed in ${where} and has no .txt caption`,
      };
    }
    const fromName = this.clean(path, [captionFromFileName(baseName(path))]);
    if (fromName.length > 0) return { ok: true, captions: fromName, source: 'filename' };
    return {
      ok: false,
      reason: 'missing-caption',
      detail: 'has no metadata row, no .txt caption, and no words in its file name',
    };
  }

  /** Cleans raw captions, drops empty and repeated ones, caps their number; notes what changed. */
  private clean(path: string, raw: readonly unknown[]): string[] {
    const out: string[] = [];
    let cut = 0;
    for (const r of raw) {
      const { text, truncated } = cleanCaption(r, this.limits.maxCaptionChars);
      if (truncated) cut++;
      if (text !== '' && !out.includes(text)) out.push(text);
    }
    if (cut > 0) {
      this.notes.push({ path, note: `${cut} caption(s) cut to ${this.limits.maxCaptionChars} characters` });
    }
    if (out.length > this.limits.maxCaptionsPerImage) {
      this.notes.push({
        path,
        note: `kept the first ${this.limits.maxCaptionsPerImage} of ${out.length} captions`,
      });
      out.length = this.limits.maxCaptionsPerImage;
    }
    return out;
  }
}
