// Thresholds are whole activation steps (LSBs); this shows them in real units too (DESIGN.md section 4).
export function lsbValue(lsb: number, fracBits: number): number {
  return lsb / 2 ** fracBits;
}

/** "3 LSB = 0.1875" */
export function lsbLabel(lsb: number, fracBits: number): string {
  return `${lsb} LSB = ${lsbValue(lsb, fracBits)}`;
}
