import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { JointDiagram } from '../../../src/ui/explain/diagrams';
import type { Modality } from '../../../src/core/data/modalities';

function draw(modalities?: Modality[]): string {
  return renderToStaticMarkup(
    createElement(JointDiagram, { fusion: 'tensor', objective: 'both', modalities }),
  );
}

/** The y of each input box, by its class (the modality's colour) and its label. */
function inputRows(svg: string): string[] {
  return [
    ...svg.matchAll(
      /diagram-(image|text|audio)"[^>]*><rect x="5" y="(\d+)"[^>]*><\/rect><text[^>]*>([^<]+)</g,
    ),
  ].map((m) => `${m[1]}@${m[2]} ${m[3]}`);
}

describe('the joint diagram', () => {
  it('draws image and caption by default, on the rows it always had', () => {
    const svg = draw();
    expect(inputRows(svg)).toEqual(['image@20 ● image', 'text@100 ▲ caption']);
    expect(svg).toContain(
      'Image and caption are encoded to modality vectors, fused (tensor) into one joint code z, from which heads read the attributes and decoders reconstruct both inputs.',
    );
    expect(draw(['image', 'text'])).toBe(svg);
  });

  it('draws a sound run’s two modalities with their names and vectors', () => {
    const svg = draw(['image', 'audio']);
    expect(inputRows(svg)).toEqual(['image@20 ● image', 'audio@100 ■ sound']);
    expect(svg).toContain('snd');
    expect(svg).not.toContain('caption</text>');
    expect(svg).toContain('Image and sound are encoded');
    expect(svg).toContain('decoders reconstruct the picture and the caption’s words');
  });

  it('stacks three modalities on three rows, each with an arrow into the fusion', () => {
    const svg = draw(['image', 'text', 'audio']);
    expect(inputRows(svg)).toEqual(['image@5 ● image', 'text@60 ▲ caption', 'audio@115 ■ sound']);
    expect(svg).toContain('Image, caption and sound are encoded');
    // Three arrows from the inputs to their encoders (x 63 → 73), three from the encoders (x1 187).
    expect(svg.match(/x1="63"/g)).toHaveLength(3);
    expect(svg.match(/x1="187"/g)).toHaveLength(3);
  });
});
