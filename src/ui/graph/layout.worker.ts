/// <reference lib="webworker" />
/**
 * Lays out large graphs off the main thread, so that typing, stepping and scrolling stay fluid while
 * a few hundred nodes find their places. Messages: `{ id, tape, config }` in (the tape packed by
 * layoutMessage.ts), `{ id, layout }` or `{ id, error }` out. The layout is plain data (boxes, path strings), cheap to copy back.
 */
import { layoutGraph, type LayoutConfig } from './layout';
import { unpackTape, type PackedTape } from './layoutMessage';

declare const self: DedicatedWorkerGlobalScope;

self.onmessage = (event: MessageEvent<{ id: number; tape: PackedTape; config: LayoutConfig }>) => {
  const { id, tape, config } = event.data;
  try {
    self.postMessage({ id, layout: layoutGraph(unpackTape(tape), config) });
  } catch (e) {
    self.postMessage({ id, error: e instanceof Error ? e.message : String(e) });
  }
};
