import { useEffect, useId, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { filesFromList } from '../../training/import/importClient';
import type { ImportFile } from '../../training/import/protocol';
import { filesFromDrop } from './dropFiles';
import { looksLikeEmbeddings } from '../../state/embeddings';
import { useEmbeddings } from '../embeddings/embeddingsContext';

const ACCEPT = 'image/*,.svg,.txt,.csv,.jsonl,.json,.zip';

/**
 * Where a user brings their own pairs: drop a folder, several files or a .zip anywhere on the page, or
 * use the two buttons (files, or a whole folder) — the keyboard way in. Disabled while an import runs.
 */
export function DropZone({ onFiles, busy }: { onFiles: (files: ImportFile[]) => void; busy: boolean }) {
  const id = useId();
  const filesInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const embeddings = useEmbeddings();

  // The whole page accepts a drop: dragging onto a small target is hard, and a class demo is not the time.
  useEffect(() => {
    const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');
    const onOver = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = busy ? 'none' : 'copy';
      setOver(true);
    };
    const onLeave = (e: DragEvent) => {
      if (e.relatedTarget === null) setOver(false);
    };
    const onDrop = (e: DragEvent) => {
      if (!hasFiles(e) || !e.dataTransfer) return;
      e.preventDefault();
      setOver(false);
      if (busy) return;
      // Dropped .npy or vectors .tsv files are embeddings to measure, not pairs to train on.
      void filesFromDrop(e.dataTransfer).then((files) =>
        looksLikeEmbeddings(files) ? void embeddings.load(files) : onFiles(files),
      );
    };
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, [busy, onFiles, embeddings]);

  const picked = (input: HTMLInputElement | null) => {
    if (!input?.files || input.files.length === 0) return;
    onFiles(filesFromList(input.files));
    input.value = ''; // picking the same folder again imports it again
  };

  return (
    <div
      className={`drop-zone${over ? ' drop-over' : ''}`}
      data-testid="drop-zone"
      aria-describedby={`${id}-help`}
    >
      <p id={`${id}-help`} className="drop-help">
        Drop a folder, images or a <code>.zip</code> anywhere on the page. Captions come from a{' '}
        <code>metadata.csv</code> / <code>metadata.jsonl</code> (<code>file_name</code>, <code>text</code>), a{' '}
        <code>.txt</code> beside each image, or the file name.
      </p>
      <div className="drop-buttons">
        <button type="button" disabled={busy} onClick={() => filesInput.current?.click()}>
          Choose files…
        </button>
        <button type="button" disabled={busy} onClick={() => folderInput.current?.click()}>
          Choose a folder…
        </button>
      </div>
      <input
        ref={filesInput}
        className="visually-hidden"
        type="file"
        multiple
        accept={ACCEPT}
        aria-label="Choose image and caption files or a zip"
        data-testid="import-files"
        tabIndex={-1}
        onChange={(e) => picked(e.currentTarget)}
      />
      <input
        ref={(el) => {
          folderInput.current = el;
          // React does not know the attribute; set it on the element itself.
          el?.setAttribute('webkitdirectory', '');
        }}
        className="visually-hidden"
        type="file"
        multiple
        aria-label="Choose a folder of images and captions"
        data-testid="import-folder"
        tabIndex={-1}
        onChange={(e) => picked(e.currentTarget)}
      />
      {over ? <DropOverlay busy={busy} /> : null}
    </div>
  );
}

/**
 * The full-window sign while files are dragged over the page. Rendered into document.body: inside the
 * Data panel, whose `contain: layout paint` makes it the containing block of fixed elements, it was
 * confined to the panel (often below the fold) instead of covering the window.
 */
function DropOverlay({ busy }: { busy: boolean }) {
  return createPortal(
    <div className="drop-overlay" data-testid="drop-overlay" aria-hidden="true">
      {busy ? (
        <strong>An import is running…</strong>
      ) : (
        <>
          <strong>Drop to import your image–caption pairs</strong>
          <span>
            a folder, images with their captions, or a .zip (or .npy / vectors.tsv embeddings to measure)
          </span>
        </>
      )}
    </div>,
    document.body,
  );
}
