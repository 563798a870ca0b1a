import { useEffect, useRef } from 'react';
import { IMAGE_LENGTH, IMAGE_SIZE } from '../../core/data/pairs';

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
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const rgba = new ImageData(IMAGE_SIZE, IMAGE_SIZE);
    const base = index * IMAGE_LENGTH;
    for (let p = 0; p < IMAGE_SIZE * IMAGE_SIZE; p++) {
      rgba.data[p * 4] = images[base + p * 3] ?? 0;
      rgba.data[p * 4 + 1] = images[base + p * 3 + 1] ?? 0;
      rgba.data[p * 4 + 2] = images[base + p * 3 + 2] ?? 0;
      rgba.data[p * 4 + 3] = 255;
    }
    ctx.putImageData(rgba, 0, 0);
  }, [images, index]);
  return (
    <canvas
      ref={ref}
      className="thumbnail"
      width={IMAGE_SIZE}
      height={IMAGE_SIZE}
      style={{ width: IMAGE_SIZE * scale, height: IMAGE_SIZE * scale }}
      role="img"
      aria-label={label}
    />
  );
}
