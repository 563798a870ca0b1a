import type { ReactNode } from 'react';
import type { Modality } from '../../core/data/modalities';

/**
 * Small block diagrams of where the encoders, the shared space and the loss sit, one per framework.
 * Plain SVG, labelled for screen readers; modalities keep their colours and shapes from the scatter.
 */
interface Box {
  x: number;
  y: number;
  w: number;
  label: ReactNode;
  kind?: 'image' | 'text' | 'audio' | 'space' | 'loss';
  /** Drawn faintly: a part the current settings do not use. */
  off?: boolean;
}

/** x1, y1, x2, y2, and whether the arrow belongs to an unused part. */
type Arrow = [number, number, number, number, boolean?];

const H = 30;

function Blocks({ boxes, arrows, title }: { boxes: Box[]; arrows: Arrow[]; title: string }) {
  return (
    <svg className="diagram" viewBox="0 0 420 150" role="img" aria-label={title}>
      <title>{title}</title>
      <defs>
        <marker
          id="arrowhead"
          viewBox="0 0 10 10"
          refX="9"
          refY="5"
          markerWidth="7"
          markerHeight="7"
          orient="auto-start-reverse"
        >
          <path d="M 0 0 L 10 5 L 0 10 z" fill="#57606a" />
        </marker>
      </defs>
      {arrows.map(([x1, y1, x2, y2, off], i) => (
        <line
          key={i}
          opacity={off ? 0.25 : 1}
          x1={x1}
          y1={y1}
          x2={x2}
          y2={y2}
          stroke="#57606a"
          strokeWidth="1.5"
          markerEnd="url(#arrowhead)"
        />
      ))}
      {boxes.map((b, i) => (
        <g key={i} className={`diagram-box diagram-${b.kind ?? 'plain'}`} opacity={b.off ? 0.3 : 1}>
          <rect x={b.x} y={b.y} width={b.w} height={H} rx="6" />
          <text x={b.x + b.w / 2} y={b.y + H / 2 + 4} textAnchor="middle">
            {b.label}
          </text>
        </g>
      ))}
    </svg>
  );
}

/** Coordinated: two towers, two constrained spaces, a similarity or correlation loss between them. */
export function CoordinatedDiagram({ loss }: { loss: string }) {
  return (
    <Blocks
      title="Image and caption each pass through their own encoder into their own space; a loss ties the spaces together."
      boxes={[
        { x: 5, y: 20, w: 70, label: '● image', kind: 'image' },
        { x: 95, y: 20, w: 110, label: 'image encoder f' },
        { x: 225, y: 20, w: 80, label: 'f(x) ∈ ℝᵈ', kind: 'space' },
        { x: 5, y: 100, w: 70, label: '▲ caption', kind: 'text' },
        { x: 95, y: 100, w: 110, label: 'text encoder g' },
        { x: 225, y: 100, w: 80, label: 'g(y) ∈ ℝᵈ', kind: 'space' },
        { x: 325, y: 60, w: 90, label: loss, kind: 'loss' },
      ]}
      arrows={[
        [75, 35, 93, 35],
        [205, 35, 223, 35],
        [75, 115, 93, 115],
        [205, 115, 223, 115],
        [305, 35, 335, 60],
        [305, 115, 335, 90],
      ]}
    />
  );
}

/** A symbol with a subscript, inside an SVG text. */
function sub(symbol: string, index: string): ReactNode {
  return (
    <>
      {symbol}
      <tspan baselineShift="sub" fontSize="0.75em">
        {index}
      </tspan>
    </>
  );
}

/** How each modality enters the joint diagram: its box (marker and colour of the scatter) and its vector. */
const JOINT_INPUT: Record<Modality, { label: string; kind: Box['kind']; vector: string; noun: string }> = {
  image: { label: '● image', kind: 'image', vector: 'img', noun: 'image' },
  text: { label: '▲ caption', kind: 'text', vector: 'txt', noun: 'caption' },
  audio: { label: '■ sound', kind: 'audio', vector: 'snd', noun: 'sound' },
};

/** "image and sound", "image, caption and sound". */
function nounList(modalities: readonly Modality[]): string {
  const nouns = modalities.map((m) => JOINT_INPUT[m].noun);
  return `${nouns.slice(0, -1).join(', ')} and ${nouns[nouns.length - 1]}`;
}

/**
 * Joint: the run's modalities (two or three) encoded to modality vectors, fused into one code, read by
 * heads and decoders. Two inputs sit on rows 20 and 100 of the 150-high view, three on rows 5, 60, 115.
 * The decoders always rebuild the picture and the caption's words (the data has both, whatever the run's
 * modalities); a sound is never reconstructed.
 */
export function JointDiagram({
  fusion,
  objective,
  modalities = ['image', 'text'],
}: {
  fusion: string;
  objective: string;
  modalities?: readonly Modality[];
}) {
  const heads = objective !== 'autoencoder';
  const decoders = objective !== 'supervised';
  const rows = modalities.length > 2 ? [5, 60, 115] : [20, 100];
  const inputs = modalities.slice(0, rows.length).map((m, i) => ({ ...JOINT_INPUT[m], y: rows[i] }));
  const names = nounList(modalities);
  const capital = names.charAt(0).toUpperCase() + names.slice(1);
  const rebuilt =
    modalities.length === 2 && modalities.includes('image') && modalities.includes('text')
      ? 'both inputs'
      : 'the picture and the caption’s words';
  return (
    <Blocks
      title={`${capital} are encoded to modality vectors, fused (${fusion}) into one joint code z, from which ${
        heads && decoders
          ? `heads read the attributes and decoders reconstruct ${rebuilt}`
          : heads
            ? 'heads read the attributes'
            : `decoders reconstruct ${rebuilt}`
      }.`}
      boxes={[
        ...inputs.flatMap(({ label, kind, vector, y }): Box[] => [
          { x: 5, y, w: 58, label, kind },
          { x: 75, y, w: 112, label: <>encoder → {sub('v', vector)}</> },
        ]),
        { x: 198, y: 60, w: 74, label: fusion, kind: 'space' },
        { x: 282, y: 60, w: 26, label: 'z', kind: 'space' },
        { x: 322, y: 20, w: 94, label: 'H: attributes', kind: 'loss', off: !heads },
        { x: 322, y: 100, w: 94, label: 'D: image, words', kind: 'loss', off: !decoders },
      ]}
      arrows={[
        ...inputs.map(({ y }): Arrow => [63, y + 15, 73, y + 15]),
        // Into the fusion box: from above its top edge, straight in at its middle, from below its bottom edge.
        ...inputs.map(({ y }): Arrow =>
          y < 60 ? [187, y + 15, 208, 60] : y > 60 ? [187, y + 15, 208, 90] : [187, 75, 196, 75],
        ),
        [272, 75, 280, 75],
        [308, 68, 330, 51, !heads],
        [308, 82, 330, 99, !decoders],
      ]}
    />
  );
}

/** Encoder–decoder: each modality encoded to a latent, the other generated from it; C ties the latents. */
export function EncDecDiagram({ direction, consistency }: { direction: string; consistency: boolean }) {
  const caption = direction !== 't2i';
  const draw = direction !== 'i2t';
  return (
    <Blocks
      title="An image is encoded to a latent v_I from which a GRU writes the caption; a caption is encoded to a latent v_T from which a decoder draws the image; a consistency term C pulls the two latents together."
      boxes={[
        { x: 5, y: 20, w: 70, label: '● image', kind: 'image' },
        { x: 95, y: 20, w: 90, label: 'encoder' },
        { x: 205, y: 20, w: 60, label: sub('v', 'I'), kind: 'space' },
        { x: 285, y: 20, w: 130, label: 'GRU → caption', kind: 'text', off: !caption },
        { x: 5, y: 100, w: 70, label: '▲ caption', kind: 'text' },
        { x: 95, y: 100, w: 90, label: 'encoder' },
        { x: 205, y: 100, w: 60, label: sub('v', 'T'), kind: 'space' },
        { x: 285, y: 100, w: 130, label: 'decoder → image', kind: 'image', off: !draw },
        { x: 243, y: 60, w: 50, label: 'λ·C', kind: 'loss', off: !consistency },
      ]}
      arrows={[
        [75, 35, 93, 35],
        [185, 35, 203, 35],
        [265, 35, 283, 35, !caption],
        [75, 115, 93, 115],
        [185, 115, 203, 115],
        [265, 115, 283, 115, !draw],
        [235, 52, 235, 98, !consistency],
        [235, 98, 235, 52, !consistency],
      ]}
    />
  );
}
