/**
 * Builds the app once and serves the static files with Vite's preview server on 127.0.0.1, as a user's
 * static host would. The URL is handed to the tests through `provide`.
 */
import { build, preview, type PreviewServer } from 'vite';
import type { TestProject } from 'vitest/node';
import { BUILT_APP } from './staticServer';

let server: PreviewServer | undefined;

export default async function setup(project: TestProject) {
  // E2E_DIST lets two checkouts' test runs on one machine build side by side without overwriting each other.
  const outDir = BUILT_APP;
  // The training worker's fault hooks (a WebGPU device loss on demand) for test/e2e/faults.test.ts.
  process.env.VITE_FAULT_HOOKS = '1';
  await build({ logLevel: 'warn', build: { outDir } });
  server = await preview({
    build: { outDir },
    preview: { host: '127.0.0.1', port: 0, strictPort: false },
    logLevel: 'warn',
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('the preview server did not report a URL');
  project.provide('baseUrl', url);
  return async () => {
    await new Promise<void>((resolve) => server?.httpServer.close(() => resolve()));
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}
