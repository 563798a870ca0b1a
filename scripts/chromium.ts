/**
 * Headless Chromium driven by playwright-core: one launch for the end-to-end tests, the browser
 * benchmarks and the scripts. Which Chromium: $CHROMIUM_PATH, else the first of the usual system paths.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const SYSTEM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** The Chromium to run, or null when none is installed. Throws when $CHROMIUM_PATH names a missing file. */
export function chromiumPath(): string | null {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) {
    if (!existsSync(configured)) throw new Error(`CHROMIUM_PATH ${configured} does not exist`);
    return configured;
  }
  return SYSTEM_PATHS.find((p) => existsSync(p)) ?? null;
}

/**
 * Flags that work headless on machines without a GPU: no network chatter, SwiftShader allowed for WebGL,
 * WebGPU enabled (on a GPU machine it finds the GPU; elsewhere a software adapter or none). Extra flags
 * come from $CHROMIUM_FLAGS (space-separated).
 */
export function launchChromium(executablePath = requireChromium()): Promise<Browser> {
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--enable-unsafe-swiftshader',
      '--enable-unsafe-webgpu',
      ...(process.env.CHROMIUM_FLAGS?.split(' ').filter(Boolean) ?? []),
    ],
  });
}

function requireChromium(): string {
  const found = chromiumPath();
  if (!found)
    throw new Error('No Chromium found: install it (apt-get install chromium) or set CHROMIUM_PATH.');
  return found;
}
