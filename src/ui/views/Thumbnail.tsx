import { useMemo } from 'react';
import { IMAGE_LENGTH, IMAGE_SIZE } from '../../core/data/pairs';
import { PixelImage } from '../frameworks/PixelImage';

/** One evaluation image, drawn from its RGB bytes at `scale`× with crisp pixels. */
export function Thumbnail({
  images,
  index,
  scale = 2,
  label,
}: {
  images: Uint8Array;
  index: number;
  scale?: number;
  label: string;
}) {
  // A view of the set's bytes, kept while the set and index stay, so the canvas redraws only on change.
  const rgb = useMemo(
    () => images.subarray(index * IMAGE_LENGTH, (index + 1) * IMAGE_LENGTH),
    [images, index],
  );
  return <PixelImage rgb={rgb} size={IMAGE_SIZE} scale={scale} label={label} />;
}
