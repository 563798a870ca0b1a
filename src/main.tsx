import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'katex/dist/katex.min.css';
import './ui/styles.css';
import './ui/lessons.css';
import { App } from './ui/App';
import { ControllerContext } from './ui/controllerContext';
import { ViewContext } from './ui/viewContext';
import { createController } from './state/controller';
import { readLink, writeLink } from './state/urlSync';
import { viewFromExtras, viewToExtras } from './state/viewState';
import { createViewController, lessonConfig } from './state/viewController';

const link = readLink(window.location.hash);
const initialView = viewFromExtras(link.view);
// A lesson link without settings of its own opens with the lesson's settings: they are written into the
// link before the controller reads it, so the first run built is the lesson's (not one to be replaced).
if (initialView.view.lesson && !link.hasSettings) {
  const config = lessonConfig(initialView.view.lesson, false);
  writeLink(window.location, window.history, { ...link, config }, viewToExtras(initialView.view));
}
// The view's keys go into every link the controller writes; `views` is set right below.
let views: ReturnType<typeof createViewController> | null = null;
const controller = createController(window.location, window.history, {
  viewExtras: () => viewToExtras(views?.view.getState() ?? initialView.view),
});
views = createViewController(controller, initialView.view, () => controller.refreshLink());
if (initialView.errors.length)
  controller.notify(`Some of this link was not understood: ${initialView.errors.join('; ')}.`);

// A lesson link pasted into this tab (the page does not reload): open what it names.
window.addEventListener('hashchange', () => {
  const next = viewFromExtras(readLink(window.location.hash).view).view;
  const shown = views.view.getState();
  if (next.lesson !== shown.lesson) views.openLesson(next.lesson);
  if (next.presenting !== shown.presenting) views.setPresenting(next.presenting);
});

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <ControllerContext.Provider value={controller}>
        <ViewContext.Provider value={views}>
          <App />
        </ViewContext.Provider>
      </ControllerContext.Provider>
    </StrictMode>,
  );
}
