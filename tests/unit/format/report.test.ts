// A training report is outside input to the page: only its operating point is read, validated.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FormatError, parseOperatingPoint } from '../../../src/engine/format';

const MODELS = new URL('../../../public/models/', import.meta.url);

describe('parseOperatingPoint', () => {
  it.each(['dense', 'rounded', 'noise', 'delta', 'delta-l1'])('reads the shipped digits-%s report', (m) => {
    const json = JSON.parse(readFileSync(new URL(`digits-${m}.report.json`, MODELS), 'utf8'));
    const op = parseOperatingPoint(json);
    expect(op).toEqual({
      thetaX: json.operatingPoint.thetaX,
      thetaH: json.operatingPoint.thetaH,
      selectedOn: json.operatingPoint.selectedOn,
    });
    expect(op?.selectedOn).toContain('validation');
  });

  it('gives null for a report without one, and a FormatError naming the field for a bad one', () => {
    expect(parseOperatingPoint({ id: 'x' })).toBeNull();
    expect(() => parseOperatingPoint({ operatingPoint: { thetaX: -1, thetaH: 2, selectedOn: 'v' } })).toThrow(
      /operatingPoint\.thetaX/,
    );
    expect(() => parseOperatingPoint('nope')).toThrow(FormatError);
  });

  it('returns an operating point in range or throws FormatError, for any JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        for (const json of [
          a,
          { operatingPoint: a },
          { operatingPoint: { thetaX: a, thetaH: b, selectedOn: 's' } },
        ]) {
          try {
            const op = parseOperatingPoint(json);
            if (op) expect(Number.isInteger(op.thetaX) && op.thetaX >= 0 && op.thetaX <= 255).toBe(true);
          } catch (e) {
            expect(e).toBeInstanceOf(FormatError);
          }
        }
      }),
      { seed: 21, numRuns: 300 },
    );
  });
});
