import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'katex/dist/katex.min.css';
import './ui/styles.css';
import { App } from './ui/App';
import { ControllerContext } from './ui/controllerContext';
import { createController } from './state/controller';

const controller = createController(window.location, window.history);
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <ControllerContext.Provider value={controller}>
        <App />
      </ControllerContext.Provider>
    </StrictMode>,
  );
}
