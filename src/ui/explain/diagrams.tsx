/**
 * Small block diagrams of where the encoders, the shared space and the loss sit, one per framework.
 * Plain SVG, labelled for screen readers; modalities keep their colours and shapes from the scatter.
 */
interface Box {
  x: number;
  y: number;
  w: number;
  label: string;
  kind?: 'image' | 'text' | 'space' | 'loss';
}

const H = 30;

function Blocks({
  boxes,
  arrows,
  title,
}: {
  boxes: Box[];
  arrows: [number, number, number, number][];
  title: string;
}) {
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
      {arrows.map(([x1, y1, x2, y2], i) => (
        <line
          key={i}
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
        <g key={i} className={`diagram-box diagram-${b.kind ?? 'plain'}`}>
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

/** Joint: both modalities projected into one space and fused into a single code. */
export function JointDiagram({ fusion }: { fusion: string }) {
  return (
    <Blocks
      title="Both modalities are projected and fused into one joint code, which the objectives read."
      boxes={[
        { x: 5, y: 20, w: 70, label: '● image', kind: 'image' },
        { x: 95, y: 20, w: 100, label: 'encoder + W₁' },
        { x: 5, y: 100, w: 70, label: '▲ caption', kind: 'text' },
        { x: 95, y: 100, w: 100, label: 'encoder + W₂' },
        { x: 215, y: 60, w: 90, label: fusion, kind: 'space' },
        { x: 325, y: 60, w: 90, label: 'objectives', kind: 'loss' },
      ]}
      arrows={[
        [75, 35, 93, 35],
        [75, 115, 93, 115],
        [195, 35, 225, 60],
        [195, 115, 225, 90],
        [305, 75, 323, 75],
      ]}
    />
  );
}

/** Encoder–decoder: one modality encoded to a latent, the other generated from it. */
export function EncDecDiagram() {
  return (
    <Blocks
      title="An image is encoded to a latent v from which a decoder generates the caption, and a caption to a latent from which a decoder draws the image."
      boxes={[
        { x: 5, y: 20, w: 70, label: '● image', kind: 'image' },
        { x: 95, y: 20, w: 90, label: 'encoder' },
        { x: 205, y: 20, w: 60, label: 'v', kind: 'space' },
        { x: 285, y: 20, w: 130, label: 'GRU → caption', kind: 'text' },
        { x: 5, y: 100, w: 70, label: '▲ caption', kind: 'text' },
        { x: 95, y: 100, w: 90, label: 'encoder' },
        { x: 205, y: 100, w: 60, label: 'u', kind: 'space' },
        { x: 285, y: 100, w: 130, label: 'decoder → image', kind: 'image' },
      ]}
      arrows={[
        [75, 35, 93, 35],
        [185, 35, 203, 35],
        [265, 35, 283, 35],
        [75, 115, 93, 115],
        [185, 115, 203, 115],
        [265, 115, 283, 115],
        [235, 52, 235, 98],
      ]}
    />
  );
}
