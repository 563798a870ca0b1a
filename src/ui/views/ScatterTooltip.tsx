import type { RunInfo } from '../../training/protocol';
import { Thumbnail } from './Thumbnail';

interface Props {
  info: RunInfo;
  hovered: { pair: number; modality: 'image' | 'text' | 'audio' };
}

const TOOLTIP_MODALITY = { image: '● image', text: '▲ caption', audio: '■ sound' } as const;

/** The hovered point of the shared space: its pair's image and caption, and whether it is held out. */
export function ScatterTooltip({ info, hovered }: Props) {
  const caption = info.evalSet.captions[hovered.pair] ?? '';
  return (
    <div className="scatter-tooltip" role="tooltip">
      <Thumbnail images={info.evalSet.images} index={hovered.pair} scale={3} label={caption} />
      <div>
        <div className="tooltip-modality">
          {TOOLTIP_MODALITY[hovered.modality]} of pair {hovered.pair}
        </div>
        <q>{caption}</q>
        {info.evalSet.heldOut[hovered.pair] === 1 ? (
          <div className="tooltip-heldout">held-out combination</div>
        ) : null}
      </div>
    </div>
  );
}
