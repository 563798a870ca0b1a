// @vitest-environment jsdom
import { it, expect } from 'vitest';
import { select } from 'd3';
it('jsdom works', () => {
  const svg = select(document.body).append('svg');
  svg.append('g').attr('class', 'x');
  expect(document.querySelectorAll('g.x').length).toBe(1);
  const c = document.createElement('canvas');
  expect(c.getContext('2d')).toBeNull();
});
