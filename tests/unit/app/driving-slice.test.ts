// The driving view's state: choosing clip or live road pauses the other, and the link says which.
import { describe, expect, it } from 'vitest';
import { createLabStore } from '../../../app/store/create-store';
import { shareStateOf } from '../../../app/url/share-state';
import { FakeClient } from './fake-client';

describe('driving slice', () => {
  it('switches between clip and live road, pausing what is not shown', () => {
    const store = createLabStore(new FakeClient());
    const s = () => store.getState();
    expect(s().drive).toBe('clip');
    s().play();
    s().startRoad();
    expect(s()).toMatchObject({ drive: 'live', roadRunning: true, playing: false });
    s().setDrive('clip');
    expect(s()).toMatchObject({ drive: 'clip', roadRunning: false });
    s().startRoad();
    s().stopRoad();
    expect(s().roadRunning).toBe(false);
    const resets = s().roadResetCount;
    s().resetRoad();
    expect(s().roadResetCount).toBe(resets + 1);
  });

  it('puts the driving view in the link only for the driving task', () => {
    const store = createLabStore(new FakeClient());
    store.setState({ task: 'digits', drive: 'live' });
    expect(shareStateOf(store.getState()).drive).toBeUndefined();
    store.setState({ task: 'driving' });
    expect(shareStateOf(store.getState()).drive).toBe('live');
  });
});
