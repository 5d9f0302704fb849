// The live counters: operations per second of the delta network and of the dense network on the same
// audio (the worker's rates: section 3's cost with the delta overhead, both layers, over the last half
// second), the digits each has heard, and the totals so far.
import { useCallback, useRef } from 'react';
import { formatCount, formatPercent } from '../format/numbers';
import type { LabState } from '../store/types';
import { digitsText } from './digits';
import { useListenText } from './use-listen-text';

const rate = (v: number | undefined) => (v === undefined ? '–' : `${formatCount(v)} ops/s`);
const classesOf = (s: LabState) => {
  const task = s.modelId ? s.models[s.modelId]?.task : undefined;
  return task?.kind === 'classification' ? task.classNames : [];
};

export function ListenCounters() {
  const deltaRef = useRef<HTMLElement>(null);
  const denseRef = useRef<HTMLElement>(null);
  const heardRef = useRef<HTMLElement>(null);
  const denseHeardRef = useRef<HTMLElement>(null);
  const totalsRef = useRef<HTMLParagraphElement>(null);
  useListenText(
    deltaRef,
    useCallback((el, s) => {
      const v = s.listenLog.lastDeltaRate;
      el.textContent = rate(v);
      el.dataset.rate = v === undefined ? '' : String(v);
      el.dataset.heard = String(s.listenLog.heard);
    }, []),
  );
  useListenText(
    denseRef,
    useCallback((el, s) => {
      const v = s.listenLog.lastDenseRate;
      el.textContent = rate(v);
      el.dataset.rate = v === undefined ? '' : String(v);
    }, []),
  );
  useListenText(
    heardRef,
    useCallback((el, s) => {
      el.textContent = digitsText(
        s.listenLog.deltaDigits.map((d) => d.label),
        classesOf(s),
      );
      el.dataset.count = String(s.listenLog.deltaDigits.length);
    }, []),
  );
  useListenText(
    denseHeardRef,
    useCallback((el, s) => {
      el.textContent = digitsText(
        s.listenLog.denseDigits.map((d) => d.label),
        classesOf(s),
      );
    }, []),
  );
  useListenText(
    totalsRef,
    useCallback((el, s) => {
      const t = s.listenLog.totals;
      el.textContent = t
        ? `${(t.frames / s.listenLog.framesPerSecond).toFixed(1)} s heard: ${formatCount(t.deltaOps)} ops delta, ${formatCount(t.denseOps)} dense; occupancy ${t.occupancy.map((o, l) => `L${l + 1} ${formatPercent(o)}`).join(', ')}`
        : 'nothing heard yet';
    }, []),
  );
  return (
    <div className="listen-counters">
      <dl className="rates">
        <dt title="section 3's cost with the delta overhead, both layers, per second of audio (last 0.5 s)">
          delta network
        </dt>
        <dd className="rate rate-delta" data-testid="ops-rate" ref={deltaRef} aria-live="off" />
        <dt title="the dense GRU does every multiply-accumulate on every frame">dense network</dt>
        <dd className="rate rate-dense" data-testid="dense-rate" ref={denseRef} />
      </dl>
      <dl className="heard">
        <dt>heard (delta)</dt>
        <dd data-testid="heard-delta" ref={heardRef} />
        <dt>heard (dense)</dt>
        <dd data-testid="heard-dense" ref={denseHeardRef} />
      </dl>
      <p className="muted listen-totals" data-testid="listen-totals" ref={totalsRef} />
    </div>
  );
}
