import { useEffect, useMemo, useState } from 'react';
import type { Tape } from '../../core/tape';
import { configKey as keyOf, layoutGraph, type GraphLayout, type LayoutConfig } from './layout';
import { cached, layoutNow, remember, SYNC_LAYOUT_MAX_NODES } from './layoutCache';
import { packTape } from './layoutMessage';

export { SYNC_LAYOUT_MAX_NODES };

interface Job {
  readonly resolve: (layout: GraphLayout) => void;
  readonly reject: (error: Error) => void;
}

/** The worker: undefined before the first try, null where workers cannot run (jsdom, file://, a strict policy). */
let worker: Worker | null | undefined;
let nextId = 0;
const jobs = new Map<number, Job>();

function giveUpOnWorker(reason: string): void {
  worker?.terminate();
  worker = null;
  for (const job of jobs.values()) job.reject(new Error(reason));
  jobs.clear();
}

function layoutWorker(): Worker | null {
  if (worker !== undefined) return worker;
  try {
    if (typeof Worker === 'undefined') throw new Error('no web workers here');
    const w = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
    w.onmessage = (event: MessageEvent<{ id: number; layout?: GraphLayout; error?: string }>) => {
      const { id, layout, error } = event.data;
      const job = jobs.get(id);
      jobs.delete(id);
      if (!job) return;
      if (layout) job.resolve(layout);
      else job.reject(new Error(error ?? 'layout failed'));
    };
    // A worker script that cannot load (opened as a file, blocked by a policy) reports here.
    w.onerror = (event) => {
      event.preventDefault();
      giveUpOnWorker('the layout worker could not run');
    };
    worker = w;
  } catch {
    worker = null;
  }
  return worker;
}

/** On the main thread, after the current frame, so that the "laying out…" state is painted first. */
const layoutLater = (tape: Tape, config: LayoutConfig): Promise<GraphLayout> =>
  new Promise((resolve, reject) =>
    setTimeout(() => {
      try {
        resolve(layoutGraph(tape, config));
      } catch (e) {
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    }, 0),
  );

/** Layouts under way, so that a render and an effect asking for the same one share the work. */
const inFlight = new WeakMap<Tape, Map<string, Promise<GraphLayout>>>();

/** The layout of a tape, from the cache, the worker, or (without a worker) the main thread. */
export function layoutAsync(tape: Tape, config: LayoutConfig): Promise<GraphLayout> {
  const hit = cached(tape, config);
  if (hit) return Promise.resolve(hit);
  const key = keyOf(config);
  const running = inFlight.get(tape)?.get(key);
  if (running) return running;
  const w = layoutWorker();
  const viaWorker = w
    ? new Promise<GraphLayout>((resolve, reject) => {
        const id = ++nextId;
        jobs.set(id, { resolve, reject });
        // As typed arrays: cloning the tape's objects cost the first render 15 ms at 2,000 nodes.
        w.postMessage({ id, tape: packTape(tape), config });
      }).catch(() => layoutLater(tape, config))
    : layoutLater(tape, config);
  const done = viaWorker.then((layout) => remember(tape, config, layout));
  let map = inFlight.get(tape);
  if (!map) inFlight.set(tape, (map = new Map()));
  map.set(key, done);
  return done;
}

export interface LayoutState {
  /** The layout of the tape, or null while it is being computed. */
  readonly layout: GraphLayout | null;
  readonly pending: boolean;
}

/**
 * The layout of `tape` in `config` (null: not yet known, as before the canvas is measured): at once
 * for small graphs and for a large one already in the cache (a link's, laid out by the page's first
 * script: src/early.ts), from the worker for other large ones. The worker is asked during render,
 * not after the commit, so that it starts while the rest of the page is still being drawn.
 */
export function useGraphLayout(tape: Tape, config: LayoutConfig | null): LayoutState {
  const small = tape.nodes.length <= SYNC_LAYOUT_MAX_NODES;
  const now = useMemo(
    () => (config === null ? null : small ? layoutNow(tape, config) : (cached(tape, config) ?? null)),
    [tape, config, small],
  );
  const job = useMemo(
    () => (config !== null && !now ? { tape, config, promise: layoutAsync(tape, config) } : null),
    [tape, config, now],
  );
  const [done, setDone] = useState<{ tape: Tape; config: LayoutConfig; layout: GraphLayout } | null>(null);
  useEffect(() => {
    if (!job) return;
    let live = true;
    job.promise.then(
      (layout) => {
        if (live) setDone({ tape: job.tape, config: job.config, layout });
      },
      () => {
        // layoutGraph never throws on a valid tape; if it did, the panel boundary shows it on retry.
      },
    );
    return () => {
      live = false;
    };
  }, [job]);
  if (now) return { layout: now, pending: false };
  if (done && done.tape === tape && done.config === config) return { layout: done.layout, pending: false };
  return { layout: null, pending: config !== null };
}
