// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { ConfigPanel } from '../../../src/ui/controls/ConfigPanel';
import { ControllerContext } from '../../../src/ui/controllerContext';
import { createStore } from '../../../src/state/store';
import type { Controller } from '../../../src/state/controller';
import { defaultConfig, type ExperimentConfig } from '../../../src/core/experiment/config';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | null = null;
afterEach(() => {
  act(() => root?.unmount());
  root = null;
  document.body.innerHTML = '';
});

/** The settings form over a stand-in controller; returns the patches it was asked to apply. */
function renderPanel(config: ExperimentConfig): { host: HTMLElement; patches: unknown[] } {
  const patches: unknown[] = [];
  const run = createStore({ config });
  const controller = { run, updateConfig: (p: unknown) => patches.push(p) } as unknown as Controller;
  const host = document.createElement('div');
  document.body.appendChild(host);
  root = createRoot(host);
  act(() =>
    root!.render(
      createElement(ControllerContext.Provider, { value: controller }, createElement(ConfigPanel)),
    ),
  );
  return { host, patches };
}

function choose(host: HTMLElement, key: string, value: string): void {
  const select = host.querySelector<HTMLSelectElement>(`[data-testid="config-${key}"]`)!;
  act(() => {
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

describe('choosing a dataset in the settings', () => {
  it('asks for the dataset together with its recommended settings', () => {
    const { host, patches } = renderPanel(defaultConfig());
    choose(host, 'dataset', 'emoji');
    expect(patches).toEqual([{ dataset: 'emoji', batchSize: 128, evalSize: 512, evalEvery: 20 }]);
  });

  it('changes any other choice alone', () => {
    const { host, patches } = renderPanel(defaultConfig());
    choose(host, 'textEncoder', 'gru');
    expect(patches).toEqual([{ textEncoder: 'gru' }]);
  });
});
