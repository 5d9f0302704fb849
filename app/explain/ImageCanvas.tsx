// A canvas that shows a prebuilt image scaled to its box, without smoothing (one cell per code).
import { useEffect, useRef } from 'react';
import { fitCanvas } from '../canvas/fit-canvas';

export function ImageCanvas({ image, testId }: { image: HTMLCanvasElement | null; testId: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    const draw = () => {
      fitCanvas(canvas);
      const ctx = canvas.getContext('2d')!;
      ctx.fillStyle = '#0b0f14';
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      if (!image) return;
      ctx.imageSmoothingEnabled = false;
      ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
    };
    draw();
    const observer = new ResizeObserver(draw);
    observer.observe(canvas);
    return () => observer.disconnect();
  }, [image]);
  return <canvas ref={ref} className="fill-canvas" data-testid={testId} data-drawn={image ? 'yes' : 'no'} />;
}
