import { useCallback, useId } from 'react';
import { useController } from '../controllerContext';
import { useStore } from '../useStore';
import { useLibrary } from './useLibrary';
import { DropZone } from './DropZone';
import { ImportProgress } from './ImportProgress';
import { ImportReport } from './ImportReport';
import { GloveLesson } from './GloveLesson';
import { AboutData } from './AboutData';
import { LibraryMessages } from './LibraryMessages';
import type { ImportFile } from '../../training/import/protocol';
import { SmallEvaluationNotice } from './SmallEvaluationNotice';
import { SampledEvaluationNote } from './SampledEvaluationNote';

/** The data the run trains on, the way to bring one's own, the import's report and the credits. */
export function DataPanel() {
  const c = useController();
  const lib = useLibrary();
  const id = useId();
  const info = useStore(c.run, (s) => s.info);
  const dataset = useStore(c.run, (s) => s.config.dataset);
  const glove = useStore(c.run, (s) => s.config.textEncoder === 'glove');
  const imported = useStore(c.run, (s) => s.imported);
  const progress = useStore(lib.state, (s) => s.progress);
  const lastReport = useStore(lib.state, (s) => s.report);
  const onFiles = useCallback((files: ImportFile[]) => void lib.importFiles(files), [lib]);
  const report =
    lastReport ??
    (dataset === 'imported' && imported?.report
      ? { name: imported.data.name, report: imported.report }
      : null);
  return (
    <section className="panel data-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Data</h2>
      <p
        className="data-current"
        data-testid="data-current"
        data-dataset={dataset}
        data-ready={info ? info.config.dataset : undefined}
        data-eval={info?.evalSet.size}
        data-restored={info?.restored?.step}
      >
        {info ? (
          <>
            <strong>{info.datasetName}</strong>: {info.trainSize} training pairs, {info.evalSet.size}{' '}
            evaluation pairs.
          </>
        ) : (
          'Loading the data…'
        )}
      </p>
      {info ? <SmallEvaluationNotice keys={info.evalSet.keys} dataset={info.config.dataset} /> : null}
      <SampledEvaluationNote />
      {info?.restored ? (
        <p className="data-status" data-testid="data-restored">
          Started from weights trained for {info.restored.step} steps: the step counter goes on from{' '}
          {info.restored.step}
          {info.restored.continued
            ? ', with the optimiser’s state.'
            : '; the optimiser (Adam) starts afresh.'}
        </p>
      ) : null}
      {dataset === 'emoji' ? (
        <p className="muted">
          Training images: Noto Emoji (Google, Apache 2.0). Evaluation images: Twemoji (CC BY 4.0). Names and
          keywords: Unicode CLDR via Emojibase (MIT). Full credits under “About the data”.
        </p>
      ) : null}
      <DropZone onFiles={onFiles} busy={progress !== null} />
      {progress ? <ImportProgress progress={progress} onCancel={() => lib.cancelImport()} /> : null}
      <LibraryMessages scope="import" />
      {report ? <ImportReport name={report.name} report={report.report} /> : null}
      {glove ? <GloveLesson info={info?.frozenText} /> : null}
      <AboutData />
    </section>
  );
}
