// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { ConfigPanel } from '../../../src/ui/controls/ConfigPanel';
import { ControllerContext } from '../../../src/ui/controllerContext';
import { createStore } from '../../../src/state/store';
import type { Controller } from '../../../src/state/controller';
import {
  CONFIG_KEYS,
  CONFIG_SPEC,
  defaultConfig,
  type ExperimentConfig,
} from '../../../src/core/experiment/config';
import type { ParamSpec } from '../../../src/core/experiment/paramSpec';
import { encodeHash } from '../../../src/core/experiment/urlCodec';
import { usage } from '../../../src/cli/flags';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | null = null;
afterEach(() => {
  act(() => root?.unmount());
  root = null;
  document.body.innerHTML = '';
});

/** The settings form over a stand-in controller holding `config`. */
function renderPanel(config: ExperimentConfig): HTMLElement {
  const run = createStore({ config });
  const controller = { run, updateConfig: () => {} } as unknown as Controller;
  const host = document.createElement('div');
  document.body.appendChild(host);
  root = createRoot(host);
  act(() =>
    root!.render(
      createElement(ControllerContext.Provider, { value: controller }, createElement(ConfigPanel)),
    ),
  );
  return host;
}

function choices(host: HTMLElement, key: string): [string, string][] {
  const select = host.querySelector<HTMLSelectElement>(`[data-testid="config-${key}"]`);
  if (!select) throw new Error(`no control for ${key}`);
  return Array.from(select.options, (o) => [o.value, o.textContent ?? '']);
}

describe('settings show plain option names', () => {
  it('names losses, encoders and directions in words, with the ids as values', () => {
    const host = renderPanel(defaultConfig());
    expect(choices(host, 'loss')).toEqual([
      ['infonce', 'InfoNCE (CLIP)'],
      ['hinge', 'hinge ranking (DeViSE / VSE)'],
      ['vsepp', 'VSE++ (hardest negative)'],
    ]);
    expect(choices(host, 'textEncoder')[0]).toEqual(['bow', 'bag of words']);
    act(() => root!.unmount());
    const encdec = renderPanel({ ...defaultConfig(), framework: 'encdec', loss: 'mle', direction: 'i2t' });
    expect(choices(encdec, 'direction')[0]).toEqual(['i2t', 'image → caption']);
    expect(choices(encdec, 'framework')).toContainEqual(['correlation', 'Coordinated, by correlation']);
  });

  it('keeps the short ids in links', () => {
    const hash = encodeHash({ ...defaultConfig(), framework: 'correlation', loss: 'dcca' });
    expect(hash).toBe('#framework=correlation&loss=dcca');
  });

  it('has a plain name for every option of every choice, also in the runner’s help', () => {
    const help = usage();
    for (const key of CONFIG_KEYS) {
      const spec = CONFIG_SPEC[key] as ParamSpec;
      if (spec.kind !== 'enum') continue;
      for (const option of spec.options) {
        const label = (spec.optionLabels as Record<string, string>)[option];
        expect(label, `${key}=${option}`).toBeTruthy();
        expect(help).toContain(`${option} = ${label}`);
      }
    }
  });
});
