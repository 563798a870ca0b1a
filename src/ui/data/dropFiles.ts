/**
 * Files out of a drop: folders are walked (through the File and Directory Entries API), so a dropped
 * folder arrives as its files with their paths inside it, like a folder picked with the file input.
 * Zip archives arrive as one file; the importer expands them.
 */
import type { ImportFile } from '../../training/import/protocol';

/** Most files read from one drop; the importer reports the rest as too many. */
const MAX_DROPPED_FILES = 50_001;

function readAll(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  // readEntries returns at most ~100 entries per call: call until it returns none.
  return new Promise((resolve, reject) => {
    const out: FileSystemEntry[] = [];
    const next = () =>
      reader.readEntries((batch) => {
        if (batch.length === 0) resolve(out);
        else {
          out.push(...batch);
          next();
        }
      }, reject);
    next();
  });
}

async function walk(entry: FileSystemEntry, out: ImportFile[]): Promise<void> {
  if (out.length >= MAX_DROPPED_FILES) return;
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) =>
      (entry as FileSystemFileEntry).file(resolve, reject),
    );
    out.push({ path: entry.fullPath.replace(/^\//, ''), data: file });
  } else if (entry.isDirectory) {
    const children = await readAll((entry as FileSystemDirectoryEntry).createReader());
    children.sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const child of children) await walk(child, out);
  }
}

/** The files of a drop, folders expanded. Entries must be taken synchronously, inside the drop event. */
export function filesFromDrop(transfer: DataTransfer): Promise<ImportFile[]> {
  const entries = Array.from(transfer.items)
    .filter((item) => item.kind === 'file')
    .map((item) => item.webkitGetAsEntry?.() ?? null);
  if (entries.length === 0 || entries.some((e) => e === null)) {
    // No entries API (or a drop of plain files from another program): take the files as they are.
    return Promise.resolve(Array.from(transfer.files, (file) => ({ path: file.name, data: file })));
  }
  return (async () => {
    const out: ImportFile[] = [];
    for (const entry of entries) await walk(entry as FileSystemEntry, out);
    return out;
  })();
}
