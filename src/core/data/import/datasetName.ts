/**
 * A name for imported data, from the paths the user gave: the dropped folder's name or the archive's
 * (without `.zip`), as a user would call it. Loose files, dropped without their folder (a browser does not
 * say which folder they came from), are counted rather than named after whichever came first.
 */

/** Longest name kept (a name shows in headings and lists). */
const MAX_NAME = 80;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function datasetName(paths: readonly string[]): string {
  const folders = new Set<string>();
  const archives = new Set<string>();
  let loose = 0;
  for (const raw of paths) {
    const parts = raw
      .replace(/\\/g, '/')
      .split('/')
      .filter((p) => p !== '' && p !== '.');
    const top = parts[0];
    if (top === undefined) continue;
    if (parts.length > 1) folders.add(top);
    else if (/\.zip$/i.test(top)) archives.add(top.replace(/\.zip$/i, '') || top);
    else loose++;
  }
  const named = [...folders, ...archives];
  if (named.length === 0) return plural(loose, 'file');
  const shown = named.length <= 2 ? named.join(' and ') : `${named[0]} and ${named.length - 1} more`;
  const name = loose > 0 ? `${shown} and ${plural(loose, 'file')}` : shown;
  return name.length > MAX_NAME ? `${name.slice(0, MAX_NAME - 1)}…` : name;
}
