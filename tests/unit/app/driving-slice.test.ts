// The driving view's state: choosing clip or live road pauses the other, and the link says which.
import { describe, expect, it } from 'vitest';
import { roadToCsv } from '../../../app/driving/road-csv';
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

describe('road CSV', () => {
  it('writes the worker’s frames as they came, one row each', () => {
    const frame = {
      t: 3,
      frame: new Uint8Array(1),
      steering: -1.5,
      lateralError: 0.25,
      offRoad: false,
      nx: 2,
      nh: 5,
      fired: new Uint8Array(1),
      cnnMacs: 50,
      gruDenseCost: 100,
      gruDeltaCost: 9,
      wholeDenseCost: 200,
      wholeDeltaCost: 109,
    };
    const lines = roadToCsv([frame, { ...frame, t: 4, offRoad: true }])
      .trim()
      .split('\n');
    expect(lines[0]).toMatch(/^# simulated drive/);
    expect(lines[1].split(',')).toHaveLength(11);
    expect(lines[2]).toBe('3,-1.5,0.25,0,2,5,50,100,9,200,109');
    expect(lines[3]).toBe('4,-1.5,0.25,1,2,5,50,100,9,200,109');
  });
});
