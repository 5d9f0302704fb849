// @vitest-environment jsdom
// The cost meter never passes old figures off as current: while a recomputation is pending or after
// it failed, the figures on screen are marked stale, and unmarked again once fresh ones arrive.
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { CostMeter } from '../../../app/components/CostMeter';
import { formatFactor } from '../../../app/format/numbers';
import { formatMicros } from '../../../app/format/units';
import { createLabStore } from '../../../app/store/create-store';
import { connectEngine } from '../../../app/store/engine-sync';
import { LabContext } from '../../../app/store/lab-context';
import { FakeClient } from './fake-client';

afterEach(cleanup);

const flush = () => new Promise((r) => setTimeout(r, 0));

async function mount() {
  const client = new FakeClient();
  const store = createLabStore(client);
  connectEngine(store, client);
  await store.getState().init('');
  await flush();
  render(
    <LabContext.Provider value={store}>
      <CostMeter />
    </LabContext.Provider>,
  );
  return { store, client };
}

const staleCells = () => document.querySelectorAll('td.stale').length;

describe('cost meter', () => {
  it('marks the test-set figures stale when their recomputation fails, and clears it when one succeeds', async () => {
    const { store, client } = await mount();
    expect(staleCells()).toBe(0);
    expect(screen.getByTestId('set-header').textContent).not.toContain('stale');
    client.failNext = {
      method: 'evaluate',
      error: Object.assign(new Error('worker died'), { kind: 'worker-died' }),
    };
    await act(async () => {
      store.getState().setThreshold('x', 0, 5);
      await flush();
    });
    expect(screen.getByTestId('set-header').textContent).toContain('stale: not updated');
    expect(screen.getByTestId('set-Speedup').className).toBe('stale');
    await act(async () => {
      store.getState().setThreshold('x', 0, 6);
      await flush();
    });
    expect(screen.getByTestId('set-header').textContent).not.toContain('stale');
    expect(staleCells()).toBe(0);
  });

  it('shows the time per step the worker measured, labelled measured, and marks it stale until remeasured', async () => {
    const { store, client } = await mount();
    // The fake measures dense 10 µs a step and delta 10 / speedup of the setting.
    const speedup = store.getState().trace!.figures!.speedup;
    expect(screen.getByTestId('measured-speedup').textContent).toBe(formatFactor(speedup));
    expect(screen.getByTestId('measured-step').textContent).toBe(
      `10.0 → ${formatMicros(10 / speedup, false)}`,
    );
    expect(screen.getByTestId('measured-row').textContent).toContain('Measured');
    client.hold = true;
    await act(async () => {
      store.getState().setThreshold('x', 0, 7);
      await flush();
    });
    expect(screen.getByTestId('measured-step').className).toBe('stale');
    client.hold = false;
    await act(async () => {
      client.release();
      await flush();
      await flush();
    });
    const s2 = store.getState().trace!.figures!.speedup;
    expect(s2).not.toBe(speedup);
    expect(screen.getByTestId('measured-speedup').textContent).toBe(formatFactor(s2));
    expect(screen.getByTestId('measured-step').className).toBe('');
  });
});
