import { useEffect, type ReactNode } from 'react';
import { useController } from './controllerContext';
import { useView } from './viewContext';
import { useStore } from './useStore';
import type { PanelId } from '../state/viewState';
import { TransportBar } from './controls/TransportBar';
import { ConfigPanel } from './controls/ConfigPanel';
import { BackendPicker } from './controls/BackendPicker';
import { ViewToolbar } from './controls/ViewToolbar';
import { MetricCards } from './metrics/MetricCards';
import { Notices } from './Notices';
import { RetrievalPanel } from './views/RetrievalPanel';
import { SharedSpaceView } from './views/SharedSpaceView';
import { Charts } from './views/Charts';
import { FrameworkPanel } from './frameworks/FrameworkPanel';
import { ExplanationPanel } from './explain/ExplanationPanel';
import { DataPanel } from './data/DataPanel';
import { SavedPanel } from './saved/SavedPanel';
import { ExportPanel } from './export/ExportPanel';
import { LessonsList } from './lessons/LessonsList';
import { LessonPanel } from './lessons/LessonPanel';
import { RunsPanel } from './runs/RunsPanel';
import { EmbeddingsChooser } from './embeddings/EmbeddingsChooser';
import { EmbeddingsView } from './embeddings/EmbeddingsView';
import { useEmbeddings } from './embeddings/embeddingsContext';

/** Keyboard shortcuts a teacher can use in front of a class: Space play/pause, S step, R reset. */
function useShortcuts() {
  const c = useController();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target && /^(INPUT|SELECT|TEXTAREA|BUTTON)$/.test(target.tagName)) return;
      if (e.metaKey || e.ctrlKey || e.altKey) return;
      if (e.key === ' ') {
        e.preventDefault();
        if (c.run.getState().status === 'running') c.pauseTraining();
        else c.startTraining();
      } else if (e.key === 's' || e.key === 'S') c.stepOnce();
      else if (e.key === 'r' || e.key === 'R') c.resetRun();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [c]);
}

/**
 * The bench: the lesson (or the list of lessons) and settings on the left, the live shared space in the
 * middle, charts and framework views on the right. At projector sizes the right column moves below, so
 * the plot, the transport and the gap stay on the first screen.
 */
export function App() {
  useShortcuts();
  const v = useView();
  const lesson = useStore(v.view, (s) => s.lesson);
  const presenting = useStore(v.view, (s) => s.presenting);
  const hidden = useStore(v.view, (s) => s.hidden);
  // Embeddings brought back take the run's place in the middle column until closed (the run is kept).
  const embeddingsOpen = useStore(useEmbeddings().state, (s) => s.status !== 'idle');
  const show = (id: PanelId, node: ReactNode) => (hidden.includes(id) ? null : node);
  return (
    <div className={presenting ? 'app presenting' : 'app'} data-testid="app" data-presenting={presenting}>
      <header className="app-header">
        <div className="brand">
          <h1>Multimodal Playground</h1>
          <p className="tagline">Watch the heterogeneity gap close.</p>
        </div>
        <TransportBar />
        <BackendPicker />
        <ViewToolbar />
      </header>
      <Notices />
      <main className="app-main">
        <aside className="column lesson-column">
          {lesson ? <LessonPanel id={lesson} /> : <LessonsList onOpen={(id) => v.openLesson(id)} />}
          {show('settings', <ConfigPanel />)}
          {show('data', <DataPanel />)}
          {show('data', <EmbeddingsChooser />)}
        </aside>
        <section className="column space-column" aria-label="Shared space">
          {embeddingsOpen ? (
            <EmbeddingsView />
          ) : (
            <>
              <MetricCards />
              <SharedSpaceView />
              {show('retrieval', <RetrievalPanel />)}
            </>
          )}
        </section>
        <aside className="column side-column">
          {embeddingsOpen ? (
            // The run's charts and panels would sit beside numbers that are not the run's: they wait.
            <p className="panel side-note" data-testid="run-panels-waiting">
              The run&rsquo;s charts, settings and exports are kept and come back with &ldquo;Back to the
              run&rdquo;.
            </p>
          ) : (
            <>
              {show('framework', <FrameworkPanel />)}
              {show('runs', <RunsPanel />)}
              {show('charts', <Charts />)}
              {show('explain', <ExplanationPanel />)}
              {show('saved', <SavedPanel />)}
              {show('export', <ExportPanel />)}
            </>
          )}
        </aside>
      </main>
    </div>
  );
}
