import { useId, useRef } from 'react';
import { filesFromList } from '../../training/import/importClient';
import { useStore } from '../useStore';
import { useEmbeddings } from './embeddingsContext';

/**
 * Where a user brings embeddings back from elsewhere (a PyTorch run's --embeddings-out, CLIP features
 * saved with NumPy): pick the files or a .zip, and the embeddings view measures them.
 */
export function EmbeddingsChooser() {
  const e = useEmbeddings();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const status = useStore(e.state, (s) => s.status);
  return (
    <section className="panel embeddings-chooser" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Bring embeddings back</h2>
      <p className="muted" id={`${id}-help`}>
        Measure embeddings computed elsewhere, nothing trained: a Projector <code>vectors.tsv</code> with its{' '}
        <code>metadata.tsv</code> (a <code>modality</code> column), or two <code>.npy</code> or{' '}
        <code>.tsv</code> files named after their modalities (<code>image.npy</code>, <code>text.npy</code>),
        or a .zip of them. Dropping .npy or vectors files on the page works too.
      </p>
      <div className="drop-buttons">
        <button type="button" disabled={status === 'loading'} onClick={() => input.current?.click()}>
          Choose embedding files…
        </button>
      </div>
      <input
        ref={input}
        className="visually-hidden"
        type="file"
        multiple
        accept=".tsv,.npy,.zip"
        aria-label="Choose embedding files (.tsv, .npy) or a zip of them"
        data-testid="embeddings-input"
        tabIndex={-1}
        onChange={(ev) => {
          const list = ev.currentTarget.files;
          if (!list || list.length === 0) return;
          void e.load(filesFromList(list));
          ev.currentTarget.value = '';
        }}
      />
    </section>
  );
}
