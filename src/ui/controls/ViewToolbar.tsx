import { PANEL_IDS, type PanelId } from '../../state/viewState';
import { useStore } from '../useStore';
import { useView } from '../viewContext';

const PANEL_NAMES: Record<PanelId, string> = {
  settings: 'Settings',
  data: 'Data',
  retrieval: 'Retrieval',
  framework: 'Framework panel',
  charts: 'Charts',
  explain: 'How it works',
  runs: 'Runs',
  saved: 'Saved',
  export: 'Export',
};

/** Lessons and presentation mode: what a teacher reaches for first. */
export function ViewToolbar() {
  const v = useView();
  const presenting = useStore(v.view, (s) => s.presenting);
  const hidden = useStore(v.view, (s) => s.hidden);
  const lesson = useStore(v.view, (s) => s.lesson);
  return (
    <div className="view-toolbar" role="toolbar" aria-label="View">
      {lesson ? (
        <button
          type="button"
          className="header-button"
          data-testid="lessons-button"
          onClick={() => v.openLesson(null)}
        >
          Lessons
        </button>
      ) : null}
      {presenting ? (
        <details className="panels-menu">
          <summary className="header-button">Panels</summary>
          <div className="panels-menu-body">
            {PANEL_IDS.map((id) => (
              <label key={id}>
                <input type="checkbox" checked={!hidden.includes(id)} onChange={() => v.togglePanel(id)} />{' '}
                {PANEL_NAMES[id]}
              </label>
            ))}
          </div>
        </details>
      ) : null}
      <button
        type="button"
        className="header-button"
        data-testid="present"
        aria-pressed={presenting}
        onClick={() => v.setPresenting(!presenting)}
        title={presenting ? 'Back to the full bench' : 'Larger type, settings hidden: for a projector'}
      >
        {presenting ? 'Exit presentation' : 'Present'}
      </button>
    </div>
  );
}
