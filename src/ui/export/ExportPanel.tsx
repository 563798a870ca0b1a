import { useId, useState } from 'react';
import { zipSync } from 'fflate';
import { useController } from '../controllerContext';
import { useStore } from '../useStore';
import { shownSnapshot } from '../../state/runState';
import { projectorFiles } from '../../core/export/projector';
import { metricsCsv } from '../../core/export/metricsCsv';
import { modelArchive } from '../../core/export/modelFile';
import { downloadBlob } from '../../plots/export';
import { torchExportProblem } from '../../core/export/torch/torchProject';
import { exportTorchProject } from '../../training/torchExport/torchExportClient';
import { PLOTS, plotPng, plotSvg, type PlotId } from './plotExport';
import { pictureHeader } from './pictureCaption';

const bytesBlob = (bytes: Uint8Array, type: string) => new Blob([bytes as Uint8Array<ArrayBuffer>], { type });

/**
 * Everything that leaves the page does so from here, when the user asks: the shared space in the
 * TensorFlow Embedding Projector's format, the metrics history, the trained model, the views as pictures.
 */
export function ExportPanel() {
  const c = useController();
  const id = useId();
  const info = useStore(c.run, (s) => s.info);
  const shown = useStore(c.run, shownSnapshot);
  const count = useStore(c.run, (s) => s.snapshots.length);
  const [plot, setPlot] = useState<PlotId>('scatter');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  /** Runs one export and says how it went; never rejects (a failure becomes the message). */
  const run = async (what: string, work: () => Promise<void> | void) => {
    try {
      await work();
      setMessage({ ok: true, text: `Downloaded ${what}.` });
    } catch (e) {
      setMessage({
        ok: false,
        text: `Could not export ${what}: ${e instanceof Error ? e.message : String(e)}`,
      });
    }
  };

  const projector = () =>
    void run('the Projector files', () => {
      if (!info || !shown) throw new Error('there is no evaluation yet');
      const e = info.evalSet;
      const files = projectorFiles({
        dim: shown.dim,
        image: shown.image,
        text: shown.text,
        captions: e.captions,
        keys: e.keys,
        heldOut: e.heldOut,
        images: e.images,
        tensorName: `${info.datasetName}, ${info.config.framework}/${info.config.loss}, step ${shown.step}`,
      });
      downloadBlob(bytesBlob(zipSync(files), 'application/zip'), `projector-step-${shown.step}.zip`);
    });

  const metrics = () =>
    void run('the metrics history', () => {
      // A restored run's history starts before the reload.
      const { earlier, snapshots } = c.run.getState();
      const csv = metricsCsv([...earlier, ...snapshots]);
      downloadBlob(new Blob([csv], { type: 'text/csv' }), 'metrics.csv');
    });

  const model = () =>
    void run('the model', async () => {
      const weights = await c.requestWeights();
      downloadBlob(bytesBlob(modelArchive(weights), 'application/zip'), `model-step-${weights.step}.zip`);
    });

  // Own pairs live in this browser's storage, not in the export worker: the runner exports them.
  const torchProblem = !info
    ? 'there is no run yet'
    : (torchExportProblem(info.config) ??
      (info.config.dataset === 'imported'
        ? 'Own pairs are exported by the runner: npm run experiment -- --data PATH --export-torch DIR'
        : null));
  const torch = () =>
    void run('the PyTorch project', async () => {
      if (!info) throw new Error('there is no run yet');
      setMessage({ ok: true, text: 'Building the PyTorch project…' });
      const zip = await exportTorchProject(info.config, new URL('.', location.href).href);
      downloadBlob(bytesBlob(zip, 'application/zip'), 'pytorch-project.zip');
    });

  const picture = (format: 'png' | 'svg') =>
    void run(`the ${format.toUpperCase()} picture`, async () => {
      const label = PLOTS.find((p) => p.id === plot)?.label ?? plot;
      const header = info
        ? pictureHeader(label, { datasetName: info.datasetName, config: info.config, snapshot: shown })
        : undefined;
      const blob =
        format === 'png'
          ? await plotPng(plot, header)
          : new Blob([plotSvg(plot, header)], { type: 'image/svg+xml;charset=utf-8' });
      downloadBlob(blob, `${plot}.${format}`);
    });

  return (
    <section className="panel export-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Export</h2>
      <div className="export-buttons">
        <button
          type="button"
          className="secondary"
          data-testid="export-projector"
          disabled={!shown}
          onClick={projector}
          title="vectors.tsv, metadata.tsv, sprite.png and projector_config.json for projector.tensorflow.org"
        >
          Embeddings for the Projector (.zip)
        </button>
        <button
          type="button"
          className="secondary"
          data-testid="export-metrics"
          disabled={count === 0}
          onClick={metrics}
        >
          Metrics history (.csv)
        </button>
        <button
          type="button"
          className="secondary"
          data-testid="export-model"
          disabled={!info}
          onClick={model}
        >
          Trained model (.zip: model.json + weights.bin)
        </button>
        <button
          type="button"
          className="secondary"
          data-testid="export-torch"
          disabled={torchProblem !== null}
          onClick={torch}
          title={
            torchProblem ??
            'train.py, the model and this run’s data, to train in PyTorch alone or under torchrun (see its README)'
          }
        >
          PyTorch project (.zip)
        </button>
      </div>
      <div className="export-picture">
        <label htmlFor={`${id}-plot`}>Picture of</label>
        <select
          id={`${id}-plot`}
          data-testid="export-plot"
          value={plot}
          onChange={(e) => setPlot(e.target.value as PlotId)}
        >
          {PLOTS.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </select>
        <button type="button" className="secondary" data-testid="export-png" onClick={() => picture('png')}>
          PNG
        </button>
        <button type="button" className="secondary" data-testid="export-svg" onClick={() => picture('svg')}>
          SVG
        </button>
      </div>
      {message ? (
        <p
          className={message.ok ? 'data-status' : 'notice notice-error'}
          role="status"
          data-testid="export-message"
        >
          {message.text}
        </p>
      ) : null}
      <p className="muted export-note">
        Open the Projector files at projector.tensorflow.org (Load: vectors.tsv, then metadata.tsv), or host
        the folder and point the Projector at projector_config.json. The points are the evaluation set twice:
        images, then captions.
      </p>
    </section>
  );
}
