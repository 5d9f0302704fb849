// Open a model or data file with the system file dialog: the same path as a drop on the page.
import { useRef } from 'react';
import { useLab } from '../store/lab-context';

const ACCEPT = '.dlm,.onnx,.dlp,.npz,.npy,.csv,.wav';

export function OpenFileButton() {
  const openFiles = useLab((s) => s.openFiles);
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button
        type="button"
        className="hide-in-presentation"
        onClick={() => input.current?.click()}
        title="open a model (.dlm, .onnx), data (.dlp, .npz, .npy, .csv) or a recording (.wav); dropping files on the page works too"
        data-testid="open-file"
      >
        Open file…
      </button>
      <input
        ref={input}
        type="file"
        multiple
        accept={ACCEPT}
        hidden
        aria-label="Model or data file"
        data-testid="open-file-input"
        onChange={(e) => {
          const files = Array.from(e.currentTarget.files ?? []);
          e.currentTarget.value = '';
          if (files.length) void openFiles(files);
        }}
      />
    </>
  );
}
