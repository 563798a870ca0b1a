import { useId, useState } from 'react';
import { useController } from '../controllerContext';
import { useStore } from '../useStore';
import { useLibrary } from '../data/useLibrary';
import { SavedGroup } from './SavedList';
import { LibraryMessages } from '../data/LibraryMessages';

const when = (ms: number) =>
  new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const size = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} kB`;

/**
 * What this browser keeps: imported datasets, named settings and trained weights, each to reopen or
 * delete; saving the current settings or weights; opening a model downloaded earlier.
 */
export function SavedPanel() {
  const c = useController();
  const lib = useLibrary();
  const id = useId();
  /** Reads the picked files and opens them as a model; the input is cleared so the same pick works again. */
  const openPicked = async (input: HTMLInputElement) => {
    const files = await Promise.all(
      Array.from(input.files ?? [], async (f) => ({
        name: f.name,
        bytes: new Uint8Array(await f.arrayBuffer()),
      })),
    );
    input.value = '';
    if (files.length) void lib.openModelFiles(files);
  };
  const [name, setName] = useState('');
  const ready = useStore(c.run, (s) => s.info !== null && s.status !== 'starting');
  const datasets = useStore(lib.state, (s) => s.datasets);
  const configs = useStore(lib.state, (s) => s.configs);
  const models = useStore(lib.state, (s) => s.models);
  return (
    <section className="panel saved-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Saved in this browser</h2>
      <form
        className="save-row"
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim()) void lib.saveSettings(name.trim());
        }}
      >
        <label htmlFor={`${id}-name`}>Name</label>
        <input
          id={`${id}-name`}
          data-testid="save-name"
          value={name}
          maxLength={120}
          placeholder="e.g. my pets, low temperature"
          onChange={(e) => setName(e.target.value)}
        />
        <div className="save-buttons">
          <button type="submit" className="secondary" data-testid="save-settings" disabled={!name.trim()}>
            Save settings
          </button>
          <button
            type="button"
            className="secondary"
            data-testid="save-weights"
            disabled={!ready}
            onClick={() => void lib.saveWeights(name)}
          >
            Save trained weights
          </button>
        </div>
      </form>
      <LibraryMessages scope="saved" />
      <div className="saved-list" data-testid="saved-list">
        <SavedGroup
          title="Datasets"
          kind="dataset"
          items={datasets.map((d) => ({
            id: d.id,
            name: d.name,
            detail: `${d.images} images, ${d.captions} captions, ${d.rejected} rejected · ${size(d.bytes)} · ${when(d.createdAt)}`,
          }))}
          empty="Imported datasets are saved here automatically."
          onOpen={(i) => void lib.openDataset(i)}
          onDelete={(i) => void lib.removeDataset(i)}
        />
        <SavedGroup
          title="Settings"
          kind="settings"
          items={configs.map((r) => ({
            id: r.id,
            name: r.name,
            detail: `${String(r.config.framework)}, ${String(r.config.loss)}, ${String(r.config.dataset)} · ${when(r.createdAt)}`,
          }))}
          empty="Name the current settings above to keep them."
          onOpen={(i) => void lib.openSettings(i)}
          onDelete={(i) => void lib.removeSettings(i)}
        />
        <SavedGroup
          title="Trained weights"
          kind="weights"
          items={models.map((m) => ({
            id: m.id,
            name: m.name,
            detail: `step ${m.step} on ${m.datasetName} · ${size(m.bytes)} · ${when(m.createdAt)}`,
          }))}
          empty="Train, then save the weights to come back to them."
          onOpen={(i) => void lib.openWeights(i)}
          onDelete={(i) => void lib.removeWeights(i)}
        />
      </div>
      <label className="file-button">
        <span>Open a downloaded model (model.zip, or model.json with weights.bin)</span>
        <input
          type="file"
          multiple
          accept=".zip,.json,.bin"
          data-testid="load-model"
          onChange={(e) => void openPicked(e.currentTarget)}
        />
      </label>
    </section>
  );
}
