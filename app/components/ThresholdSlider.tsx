// One threshold as a native range input in whole LSBs, with the value in real units beside it.
import { lsbLabel } from '../format/units';

interface Props {
  id: string;
  label: string;
  value: number;
  max: number;
  fracBits: number;
  onChange(lsb: number): void;
}

export function ThresholdSlider({ id, label, value, max, fracBits, onChange }: Props) {
  const text = lsbLabel(value, fracBits);
  return (
    <div className="slider-row">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="range"
        min={0}
        max={max}
        step={1}
        value={value}
        aria-valuetext={text}
        data-testid={id}
        onChange={(e) => onChange(Number(e.target.value))}
      />
      <output htmlFor={id}>{text}</output>
    </div>
  );
}
