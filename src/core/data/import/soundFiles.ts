/**
 * Sound files in an import: the ones metadata rows name in their `audio_file_name` column, and any other
 * file whose extension says it is sound. They are set aside from the images (a .wav is not a broken
 * picture), matched to the image whose row names them, and reported when nothing names them or when a
 * named one was not given. Their bytes are decoded with the image (decodeItems.ts).
 */
import { extension } from './paths';
import type { MetadataFile } from './metadata';
import type { ImportEntry, ImportLimits, Rejection } from './types';

/** Extensions read as sound rather than as an image (only WAV decodes; the rest are reported as such). */
export const SOUND_EXTENSIONS = ['wav', 'wave', 'mp3', 'ogg', 'oga', 'opus', 'flac', 'm4a', 'aac'] as const;

export class SoundFiles {
  /** Sound path -> the image whose row names it, with where. */
  private readonly named = new Map<string, { image: string; file: string; line: number }>();
  /** Image path -> its sound's path. */
  private readonly byImage = new Map<string, { path: string; file: string; line: number }>();
  private readonly files = new Map<string, ImportEntry>();
  private readonly used = new Set<string>();

  constructor(
    metadataFiles: readonly MetadataFile[],
    private readonly limits: ImportLimits,
  ) {
    for (const m of metadataFiles) {
      for (const [image, sound] of m.audio) {
        if (this.byImage.has(image)) continue;
        this.byImage.set(image, { path: sound.path, file: m.path, line: sound.line });
        if (!this.named.has(sound.path))
          this.named.set(sound.path, { image, file: m.path, line: sound.line });
      }
    }
  }

  /**
   * Sets the file aside when it is a sound: returns true (kept for its image), a rejection (too large),
   * or false when it is not a sound and goes on to the image checks.
   */
  take(file: ImportEntry): boolean | Rejection {
    const isSound =
      this.named.has(file.path) || (SOUND_EXTENSIONS as readonly string[]).includes(extension(file.path));
    if (!isSound) return false;
    if (file.bytes.length > this.limits.maxFileBytes) {
      const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
      return {
        path: file.path,
        reason: 'too-large',
        detail: `is ${mib(file.bytes.length)} of sound (limit ${mib(this.limits.maxFileBytes)})`,
      };
    }
    this.files.set(file.path, file);
    return true;
  }

  /** The sound of the image at `path`: none named, its file, or why the image cannot have it. */
  forImage(path: string): { ok: true; audio?: ImportEntry } | { ok: false; rejection: Rejection } {
    const sound = this.byImage.get(path);
    if (!sound) return { ok: true };
    const file = this.files.get(sound.path);
    if (!file) {
      return {
        ok: false,
        rejection: {
          path,
          reason: 'missing-audio',
          detail: `its sound '${sound.path.slice(0, 300)}' (${sound.file}:${sound.line}) is not among the files`,
        },
      };
    }
    this.used.add(sound.path);
    return { ok: true, audio: file };
  }

  /** Sound files no row names (rejected: there is no image to pair them with). */
  unnamed(): Rejection[] {
    return [...this.files.keys()]
      .filter((p) => !this.named.has(p))
      .map((p) => ({
        path: p,
        reason: 'unsupported-type' as const,
        detail: 'is a sound that no metadata row names (audio_file_name)',
      }));
  }
}
