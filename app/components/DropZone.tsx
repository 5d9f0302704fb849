// The page accepts a dropped .dlm model or .dlp sample pack and loads it through the engine.
import { type ReactNode, useEffect, useState } from 'react';
import { useLab } from '../store/lab-context';

export function DropZone({ className, children }: { className: string; children: ReactNode }) {
  const openFile = useLab((s) => s.openFile);
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
      for (const file of Array.from(e.dataTransfer?.files ?? [])) {
        void openFile(file);
      }
    };
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, [openFile]);
  return <div className={over ? `${className} drop-over` : className}>{children}</div>;
}
