// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { DropZone } from '../../../src/ui/data/DropZone';
import { ImportReport } from '../../../src/ui/data/ImportReport';
import { SmallEvaluationNotice } from '../../../src/ui/data/SmallEvaluationNotice';
import { summarise } from '../../../src/core/data/import';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | null = null;
afterEach(() => {
  act(() => root?.unmount());
  root = null;
  document.body.innerHTML = '';
});

/** Renders `element` inside a stand-in for the Data panel (the app's panels contain their layout). */
function render(element: ReturnType<typeof createElement>): HTMLElement {
  const panel = document.createElement('section');
  panel.className = 'panel data-panel';
  document.body.appendChild(panel);
  root = createRoot(panel);
  act(() => root!.render(element));
  return panel;
}

function dragFiles(type: 'dragover' | 'dragleave' | 'drop') {
  const event = new Event(type, { bubbles: true, cancelable: true });
  Object.defineProperty(event, 'dataTransfer', { value: { types: ['Files'], dropEffect: 'none' } });
  Object.defineProperty(event, 'relatedTarget', { value: null });
  act(() => {
    window.dispatchEvent(event);
  });
}

describe('the drop overlay', () => {
  it('covers the window from document.body, not from inside the Data panel', () => {
    const panel = render(createElement(DropZone, { onFiles: () => {}, busy: false }));
    expect(document.querySelector('[data-testid="drop-overlay"]')).toBeNull();
    dragFiles('dragover');
    const overlay = document.querySelector('[data-testid="drop-overlay"]');
    expect(overlay).not.toBeNull();
    expect(overlay!.parentElement).toBe(document.body);
    expect(panel.contains(overlay)).toBe(false);
    expect(overlay!.textContent).toContain('Drop to import your image–caption pairs');
    dragFiles('dragleave');
    expect(document.querySelector('[data-testid="drop-overlay"]')).toBeNull();
  });
});

describe('the import report', () => {
  const rejected = [
    { path: 'metadata.jsonl:10', reason: 'bad-metadata' as const, detail: 'is not valid JSON' },
    { path: 'metadata.jsonl:4', reason: 'bad-metadata' as const, detail: 'is not valid JSON' },
  ];
  const notDropped = Array.from({ length: 25 }, (_, i) => ({
    path: `metadata.jsonl:${i + 6}`,
    file: `${i + 6}.png`,
    rows: 1,
  }));
  const items = Array.from({ length: 5 }, () => ({ captions: ['a caption'] }));

  it('tells images listed but not dropped apart from rejected files, and sorts naturally', () => {
    const panel = render(
      createElement(ImportReport, {
        name: 'pets',
        report: { summary: summarise(items, rejected, 25), rejected, notDropped, notes: [] },
      }),
    );
    expect(panel.querySelector('[data-testid="import-rejected"]')!.textContent).toBe('2 rejected');
    expect(panel.querySelector('[data-testid="import-not-dropped"]')!.textContent).toContain(
      '25 more images are listed in the metadata but were not dropped',
    );
    const listed = Array.from(panel.querySelectorAll('[data-testid="rejected-list"] li'), (li) =>
      li.getAttribute('data-path'),
    );
    expect(listed).toEqual(['metadata.jsonl:4', 'metadata.jsonl:10']);
    const notDroppedRows = panel.querySelectorAll('[data-testid="not-dropped-list"] li');
    expect(notDroppedRows).toHaveLength(25);
    expect(notDroppedRows[0].textContent).toContain("lists '6.png'");
  });
});

describe('the small-evaluation notice', () => {
  it('says what chance is on 6 evaluation pairs, and nothing on 512', () => {
    const keys = (n: number) => Array.from({ length: n }, (_, i) => `p/${i}.png`);
    const panel = render(createElement(SmallEvaluationNotice, { keys: keys(6), dataset: 'imported' }));
    expect(panel.textContent).toContain('Only 6 evaluation pairs');
    expect(panel.textContent).toContain('R@1 0.17');
    expect(panel.textContent).toContain('raise “Evaluation share” in the Data settings');
    act(() => root!.render(createElement(SmallEvaluationNotice, { keys: keys(512), dataset: 'imported' })));
    expect(panel.textContent).toBe('');
  });
});
