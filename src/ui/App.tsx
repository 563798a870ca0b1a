import { useEffect } from 'react';
import { useController } from './controllerContext';
import { TransportBar } from './controls/TransportBar';
import { ConfigPanel } from './controls/ConfigPanel';
import { BackendPicker } from './controls/BackendPicker';
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

export function App() {
  useShortcuts();
  return (
    <div className="app">
      <header className="app-header">
        <div className="brand">
          <h1>Multimodal Playground</h1>
          <p className="tagline">Watch the heterogeneity gap close.</p>
        </div>
        <TransportBar />
        <BackendPicker />
      </header>
      <Notices />
      <main className="app-main">
        <aside className="column settings-column">
          <ConfigPanel />
          <DataPanel />
        </aside>
        <section className="column space-column" aria-label="Shared space">
          <MetricCards />
          <SharedSpaceView />
          <RetrievalPanel />
        </section>
        <aside className="column side-column">
          <FrameworkPanel />
          <Charts />
          <ExplanationPanel />
          <SavedPanel />
          <ExportPanel />
        </aside>
      </main>
    </div>
  );
}
