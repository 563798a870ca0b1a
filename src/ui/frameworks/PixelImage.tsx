import { useEffect, useRef } from 'react';

/**
 * An RGB image from bytes ([size, size, 3], row-major), drawn `scale`× with crisp pixels: a generated
 * or reconstructed image shown as the model made it, not smoothed into something it did not draw.
 */
export function PixelImage({
  rgb,
  size,
  scale,
  label,
  testId,
}: {
  rgb: Uint8Array;
  size: number;
  scale: number;
  label: string;
  testId?: string;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const rgba = new ImageData(size, size);
    for (let p = 0; p < size * size; p++) {
      rgba.data[p * 4] = rgb[p * 3] ?? 0;
      rgba.data[p * 4 + 1] = rgb[p * 3 + 1] ?? 0;
      rgba.data[p * 4 + 2] = rgb[p * 3 + 2] ?? 0;
      rgba.data[p * 4 + 3] = 255;
    }
    ctx.putImageData(rgba, 0, 0);
  }, [rgb, size]);
  return (
    <canvas
      ref={ref}
      className="thumbnail"
      width={size}
      height={size}
      style={{ width: size * scale, height: size * scale }}
      role="img"
      aria-label={label}
      data-testid={testId}
    />
  );
}
