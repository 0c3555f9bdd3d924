/**
 * The page's first script, run while the main script (React, KaTeX, the views) is still arriving and
 * being compiled: the main thread is idle then. It reads the link, compiles and sweeps it, and lays
 * out a large graph, so that the page's start finds all of it done (the model's memos, the layout
 * cache) and draws the graph with the table, where a layout worker could only have started after
 * the page's first frame. It touches neither the store nor the DOM; whatever it cannot do, the
 * page's own start does again and reports.
 */
import { deriveModel } from './state/derive';
import { fitFragment } from './state/fragment';
import { layoutAhead } from './ui/graph/layoutCache';

try {
  const tape = deriveModel(fitFragment(window.location.hash).state).tape;
  if (tape) layoutAhead(tape);
} catch {
  // Nothing is lost: the page's start reads the link again and says what is wrong with it.
}
