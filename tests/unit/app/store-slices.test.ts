// The store's slices may not define the same key: merged silently, the later would replace the earlier.
import { describe, expect, it } from 'vitest';
import { mergeSlices } from '../../../app/store/create-store';

describe('mergeSlices', () => {
  it('merges distinct slices into one state', () => {
    const inc = () => 1;
    const merged = mergeSlices([{ a: 1, inc }, { b: 'x' }]);
    expect(merged).toEqual({ a: 1, inc, b: 'x' });
  });

  it('refuses two slices that define the same key, naming it', () => {
    expect(() => mergeSlices([{ reset: () => 0 }, { other: 1 }, { reset: () => 1 }])).toThrow(
      "lab store: two slices define 'reset'",
    );
  });
});
