import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

function Placeholder() {
  return (
    <main
      style={{ fontFamily: 'system-ui, sans-serif', maxWidth: 720, margin: '3rem auto', lineHeight: 1.5 }}
    >
      <h1>Multimodal Playground</h1>
      <p>
        Train small image–text models in your browser and watch the heterogeneity gap close: image and caption
        embeddings start in unrelated subspaces, and training brings matching pairs together in a shared one.
      </p>
    </main>
  );
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <Placeholder />
    </StrictMode>,
  );
}
