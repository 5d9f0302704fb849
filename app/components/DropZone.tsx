// The page accepts dropped models (.dlm, .onnx), data (.dlp, .npz, .npy, .csv) and recordings (.wav),
// all files of one drop together, and loads them through the engine.
import { type ReactNode, useEffect, useState } from 'react';
import { useLab } from '../store/lab-context';

export function DropZone({ className, children }: { className: string; children: ReactNode }) {
  const openFiles = useLab((s) => s.openFiles);
  const [over, setOver] = useState(false);
  useEffect(() => {
    // On the window, so a file dropped anywhere on the page is taken (and never opened by the browser).
    const onOver = (e: DragEvent) => {
      e.preventDefault();
      setOver(true);
    };
    const onLeave = () => setOver(false);
    const onDrop = (e: DragEvent) => {
      e.preventDefault();
      setOver(false);
      void openFiles(Array.from(e.dataTransfer?.files ?? []));
    };
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, [openFiles]);
  return <div className={over ? `${className} drop-over` : className}>{children}</div>;
}
