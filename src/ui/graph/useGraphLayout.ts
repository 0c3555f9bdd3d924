import { useEffect, useMemo, useState } from 'react';
import type { Tape } from '../../core/tape';
import { layoutGraph, type GraphLayout } from './layout';

/**
 * Up to this many nodes the layout runs on the main thread, at once, in well under 50 ms, so typing
 * never makes the graph blink. Larger graphs are laid out in a web worker, and the view says
 * "laying out…" meanwhile, so the page never freezes.
 */
export const SYNC_LAYOUT_MAX_NODES = 250;

/** Layouts already computed, by tape (a tape is immutable, so its layout never changes). */
const cache = new WeakMap<Tape, GraphLayout>();

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
const layoutLater = (tape: Tape): Promise<GraphLayout> =>
  new Promise((resolve, reject) =>
    setTimeout(() => {
      try {
        resolve(layoutGraph(tape));
      } catch (e) {
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    }, 0),
  );

/** The layout of a tape, from the cache, the worker, or (without a worker) the main thread. */
export function layoutAsync(tape: Tape): Promise<GraphLayout> {
  const hit = cache.get(tape);
  if (hit) return Promise.resolve(hit);
  const w = layoutWorker();
  const viaWorker = w
    ? new Promise<GraphLayout>((resolve, reject) => {
        const id = ++nextId;
        jobs.set(id, { resolve, reject });
        w.postMessage({ id, tape });
      }).catch(() => layoutLater(tape))
    : layoutLater(tape);
  return viaWorker.then((layout) => {
    cache.set(tape, layout);
    return layout;
  });
}

/** The layout of a small tape, computed here and now (memoised). */
function layoutNow(tape: Tape): GraphLayout {
  let layout = cache.get(tape);
  if (!layout) {
    layout = layoutGraph(tape);
    cache.set(tape, layout);
  }
  return layout;
}

export interface LayoutState {
  /** The layout of the tape, or null while it is being computed. */
  readonly layout: GraphLayout | null;
  readonly pending: boolean;
}

/** The layout of `tape`: at once for small graphs, from the worker for large ones. */
export function useGraphLayout(tape: Tape): LayoutState {
  const small = tape.nodes.length <= SYNC_LAYOUT_MAX_NODES;
  const now = useMemo(() => (small ? layoutNow(tape) : (cache.get(tape) ?? null)), [tape, small]);
  const [done, setDone] = useState<{ tape: Tape; layout: GraphLayout } | null>(null);
  useEffect(() => {
    if (now) return;
    let live = true;
    layoutAsync(tape).then(
      (layout) => {
        if (live) setDone({ tape, layout });
      },
      () => {
        // layoutGraph never throws on a valid tape; if it did, the panel boundary shows it on retry.
      },
    );
    return () => {
      live = false;
    };
  }, [tape, now]);
  if (now) return { layout: now, pending: false };
  if (done?.tape === tape) return { layout: done.layout, pending: false };
  return { layout: null, pending: true };
}
