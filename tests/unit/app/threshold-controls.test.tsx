// @vitest-environment jsdom
// The threshold panel as a user meets it: sliders labelled in LSB and real units, presets that set them.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ThresholdControls } from '../../../app/components/ThresholdControls';
import { createLabStore } from '../../../app/store/create-store';
import { LabContext } from '../../../app/store/lab-context';
import { FakeClient } from './fake-client';

afterEach(cleanup);

async function mount() {
  const store = createLabStore(new FakeClient());
  await store.getState().init('');
  render(
    <LabContext.Provider value={store}>
      <ThresholdControls />
    </LabContext.Provider>,
  );
  return store;
}

describe('threshold controls', () => {
  it('shows each threshold in LSB and in real units', async () => {
    await mount();
    const x = screen.getByTestId('theta-x') as HTMLInputElement;
    expect(x.type).toBe('range');
    expect(x.value).toBe('2');
    expect(x.getAttribute('aria-valuetext')).toBe('2 LSB = 0.125');
    expect(x.max).toBe('32');
    expect(screen.getByText('4 LSB = 0.25')).toBeTruthy();
  });

  it('moves every layer with the shared slider and one layer with per-layer sliders', async () => {
    const store = await mount();
    fireEvent.change(screen.getByTestId('theta-h'), { target: { value: '7' } });
    expect(store.getState().thresholds?.thetaH).toEqual([7, 7]);
    act(() => store.getState().setPerLayer(true));
    fireEvent.change(screen.getByTestId('theta-x-1'), { target: { value: '9' } });
    expect(store.getState().thresholds?.thetaX).toEqual([2, 9]);
    expect(screen.getByTestId('theta-x-1').getAttribute('aria-valuetext')).toBe('9 LSB = 0.5625');
  });

  it('applies presets and marks the active one', async () => {
    const store = await mount();
    const sweet = screen.getByRole('button', { name: 'operating point' });
    expect(sweet.getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: 'dense (Θ = 0)' }));
    expect(store.getState().thresholds).toEqual({ thetaX: [0, 0], thetaH: [0, 0] });
    expect(sweet.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(screen.getByRole('button', { name: 'aggressive' }));
    expect(store.getState().thresholds).toEqual({ thetaX: [8, 8], thetaH: [8, 10] });
  });
});
