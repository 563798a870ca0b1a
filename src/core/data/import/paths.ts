/**
 * Paths of imported files: one normal form for matching ('photos\\cat.png', './photos/cat.png' and
 * 'photos/cat.png' are the same file), and the checks that keep an archive from naming files outside
 * itself or smuggling in system clutter.
 */

/** Forward slashes, no leading './', no empty segments. Does not resolve '..' (see `unsafePathReason`). */
export function normalisePath(path: string): string {
  return path
    .replace(/\\/g, '/')
    .split('/')
    .filter((s) => s !== '' && s !== '.')
    .join('/');
}

/** The last path segment: 'a/b/cat.png' -> 'cat.png'. */
export function baseName(path: string): string {
  const n = normalisePath(path);
  const i = n.lastIndexOf('/');
  return i >= 0 ? n.slice(i + 1) : n;
}

/** The folder part: 'a/b/cat.png' -> 'a/b', 'cat.png' -> ''. */
export function dirName(path: string): string {
  const n = normalisePath(path);
  const i = n.lastIndexOf('/');
  return i >= 0 ? n.slice(0, i) : '';
}

/** Lower-case extension without the dot: 'Cat.PNG' -> 'png'; '' when there is none. */
export function extension(path: string): string {
  const b = baseName(path);
  const i = b.lastIndexOf('.');
  return i > 0 ? b.slice(i + 1).toLowerCase() : '';
}

/** The path without its extension: 'a/cat.png' -> 'a/cat' (the key that pairs an image with 'a/cat.txt'). */
export function stemPath(path: string): string {
  const n = normalisePath(path);
  const b = baseName(n);
  const i = b.lastIndexOf('.');
  return i > 0 ? n.slice(0, n.length - (b.length - i)) : n;
}

/**
 * Why an archive entry's path is unsafe to accept, or null. Absolute paths, drive letters and '..'
 * segments could escape the archive ("zip slip") if anything ever wrote them to disk; NUL and other
 * control characters have no place in a name.
 */
export function unsafePathReason(path: string): string | null {
  if (path.length === 0) return 'has an empty name';
  if (path.length > 1024) return 'has a name longer than 1024 characters';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(path)) return 'has control characters in its name';
  const slashed = path.replace(/\\/g, '/');
  if (slashed.startsWith('/')) return 'is an absolute path';
  if (/^[a-zA-Z]:/.test(slashed)) return 'starts with a drive letter';
  if (slashed.split('/').some((s) => s === '..')) return "climbs out of the archive with '..'";
  return null;
}

/**
 * Why a path is clutter rather than data, or null: macOS resource forks (`__MACOSX/`, `._name`), hidden
 * files and folders (a segment starting with '.'), and desktop index files.
 */
export function hiddenPathReason(path: string): string | null {
  const segments = normalisePath(path).split('/');
  if (segments.includes('__MACOSX')) return 'is macOS archive metadata (__MACOSX)';
  const hidden = segments.find((s) => s.startsWith('.'));
  if (hidden !== undefined) return `is hidden ('${hidden}')`;
  const base = (segments[segments.length - 1] ?? '').toLowerCase();
  if (base === 'thumbs.db' || base === 'desktop.ini') return 'is a desktop index file';
  return null;
}
