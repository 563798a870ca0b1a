/**
 * The app as users get it (a production build served statically by Vite's preview server) and Vite's dev
 * server for the bench pages (bench/scatterDraw.html). Both on 127.0.0.1, on free ports.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, createServer, preview } from 'vite';

export interface Served {
  url: string;
  /** Folder of the build (for bundle sizes); absent for the dev server. */
  outDir?: string;
  close(): Promise<void>;
}

/** Builds the app into a fresh temporary folder (never the shared dist/) and serves it. */
export async function serveBuiltApp(): Promise<Served> {
  const outDir = mkdtempSync(join(tmpdir(), 'bench-dist-'));
  await build({ logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  const server = await preview({
    build: { outDir },
    preview: { host: '127.0.0.1', port: 0, strictPort: false },
    logLevel: 'warn',
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('the preview server reported no URL');
  return {
    url,
    outDir,
    close: async () => {
      await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}

/** Vite's dev server at the repository root, for the bench pages. */
export async function serveDev(): Promise<Served> {
  const server = await createServer({
    logLevel: 'warn',
    server: { host: '127.0.0.1', port: 0, strictPort: false },
  });
  await server.listen();
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('the dev server reported no URL');
  return { url, close: () => server.close() };
}
