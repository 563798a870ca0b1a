import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

// `base: './'` makes every asset URL relative, so the built files work from any host and sub-path.
// The service worker precaches the whole build (scripts, .wasm, fonts, built-in data) on the first visit,
// so a classroom on a flaky school network keeps working offline once the page has loaded.
export default defineConfig({
  base: './',
  plugins: [
    react(),
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: 'script-defer',
      manifest: {
        name: 'Multimodal Playground',
        short_name: 'Multimodal',
        description: 'Train small image–text models in your browser and watch the heterogeneity gap close.',
        start_url: './',
        scope: './',
        display: 'standalone',
        background_color: '#f5f6f8',
        theme_color: '#1b1f24',
        icons: [{ src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml' }],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,wasm,woff2,json,bin,txt}'],
        maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  worker: { format: 'es' },
  // The dev server pre-bundles dependencies on its first start. Its scan follows index.html's imports
  // only, so modules first imported by a worker (the TF.js backends, ml-matrix, umap-js, papaparse,
  // fflate) were found mid-visit: Vite bundled again and reloaded the page ("optimized dependencies
  // changed. reloading"). Every dependency of the page and its workers is declared here, and the scan
  // starts from the workers too, so the first visit loads once.
  optimizeDeps: {
    entries: [
      'index.html',
      'src/training/worker.ts',
      'src/training/projection/projectionWorker.ts',
      'src/training/import/importWorker.ts',
    ],
    include: [
      '@tensorflow/tfjs-core',
      '@tensorflow/tfjs-core/dist/register_all_gradients',
      '@tensorflow/tfjs-backend-cpu',
      '@tensorflow/tfjs-backend-wasm',
      '@tensorflow/tfjs-backend-webgl',
      '@tensorflow/tfjs-backend-webgpu',
      'd3',
      'fflate',
      'idb',
      'katex',
      'ml-matrix',
      'papaparse',
      'react',
      'react-dom',
      'react-dom/client',
      'umap-js/dist/umap',
    ],
  },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
  server: { host: '127.0.0.1' },
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
