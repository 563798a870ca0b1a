/**
 * Finding files with identical bytes. A 32-bit FNV-1a hash only buckets candidates; two files count as
 * duplicates when their bytes are equal, so a hash collision can never cost the user a good image.
 */

/** FNV-1a over the bytes, as an unsigned 32-bit number. */
export function fnv1a(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i];
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Remembers files by content; `find` returns the first remembered file with the same bytes. */
export class ContentIndex<T> {
  private readonly buckets = new Map<string, { bytes: Uint8Array; value: T }[]>();

  find(bytes: Uint8Array): T | undefined {
    const bucket = this.buckets.get(`${bytes.length}:${fnv1a(bytes)}`);
    return bucket?.find((e) => equalBytes(e.bytes, bytes))?.value;
  }

  add(bytes: Uint8Array, value: T): void {
    const key = `${bytes.length}:${fnv1a(bytes)}`;
    const bucket = this.buckets.get(key) ?? [];
    bucket.push({ bytes, value });
    this.buckets.set(key, bucket);
  }
}
