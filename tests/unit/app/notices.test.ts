// Notices: information and warnings go by themselves, an error stays until dismissed.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLabStore } from '../../../app/store/create-store';
import { FakeClient } from './fake-client';

afterEach(() => {
  vi.useRealTimers();
});

describe('notices', () => {
  it('fade unless they are errors', () => {
    vi.useFakeTimers();
    const store = createLabStore(new FakeClient());
    const s = store.getState();
    s.notify('info', 'copied');
    s.notify('warning', 'ignored a parameter');
    s.notify('error', 'could not read the file');
    expect(store.getState().notices).toHaveLength(3);
    vi.advanceTimersByTime(6000);
    expect(store.getState().notices.map((n) => n.kind)).toEqual(['warning', 'error']);
    vi.advanceTimersByTime(10_000);
    expect(store.getState().notices.map((n) => n.kind)).toEqual(['error']);
    vi.advanceTimersByTime(60_000);
    expect(store.getState().notices.map((n) => n.kind)).toEqual(['error']);
  });
});

describe('task labels', () => {
  it('come from the model, not from the digits', async () => {
    const { classWord, inputWord } = await import('../../../app/format/task-labels');
    const digits = { kind: 'classification' as const, classNames: Array.from({ length: 10 }, String) };
    expect(classWord(digits, 'logmel')).toBe('Digit');
    expect(classWord({ kind: 'classification', classNames: ['a', 'b'] }, 'synthetic-example')).toBe('Class');
    expect(classWord({ kind: 'regression', units: 'deg', outputNames: ['steer'] }, undefined)).toBe('Label');
    expect(inputWord('logmel')).toBe('log-mel spectrogram');
    expect(inputWord('synthetic-example')).toBe('synthetic bands');
    expect(inputWord(undefined)).toBe('input features');
  });
});
