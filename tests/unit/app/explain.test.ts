// The explanation's step in the link: validated, round-tripped, and one entry per step.
import { describe, expect, it } from 'vitest';
import { EXPLAIN_STEPS } from '../../../app/explain/explain-slice';
import { METHOD_NOTES } from '../../../app/explain/MethodsFigure';
import { STEPS } from '../../../app/explain/steps';
import { createLabStore } from '../../../app/store/create-store';
import { decodeShare, encodeShare } from '../../../app/url/share-codec';
import { shareStateOf } from '../../../app/url/share-state';
import { FakeClient } from './fake-client';

describe('explanation step in the link', () => {
  it('reads 1..N and refuses anything else', () => {
    expect(decodeShare('#explain=3').state).toEqual({ explain: 3 });
    for (const bad of ['0', String(EXPLAIN_STEPS + 1), '-1', '2.5', 'abc', '99999999']) {
      const d = decodeShare(`#explain=${bad}`);
      expect(d.state).toEqual({});
      expect(d.problems.join()).toContain('explain');
    }
  });

  it('is written from the store only while the explanation is open, and clamped', () => {
    const store = createLabStore(new FakeClient());
    expect(shareStateOf(store.getState()).explain).toBeUndefined();
    store.getState().setExplainStep(99);
    expect(store.getState().explainStep).toBe(EXPLAIN_STEPS);
    expect(encodeShare(shareStateOf(store.getState()))).toContain(`explain=${EXPLAIN_STEPS}`);
    store.getState().setExplainStep(null);
    expect(encodeShare(shareStateOf(store.getState()))).not.toContain('explain');
  });

  it('has one step per number and a note for each digits training method', () => {
    expect(STEPS).toHaveLength(EXPLAIN_STEPS);
    expect(new Set(STEPS.map((s) => s.id)).size).toBe(EXPLAIN_STEPS);
    expect(Object.keys(METHOD_NOTES).sort()).toEqual(['delta', 'delta-l1', 'dense', 'noise', 'rounded']);
  });
});
