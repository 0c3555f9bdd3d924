/**
 * A link's fragment read into the state it opens on: decoded, and fitted to its expression's inputs
 * and outputs. Pure and free of the store, so that the page's first script (src/early.ts) can read
 * the link, compile it and sweep it while the rest of the page is still arriving; the page's own
 * start then finds the result here and in the derived model's memos.
 */
import { analyzeMemo, deriveModel, memoLast } from './derive';
import { decode, nameShownStep, reconcile, type LinkState, type Problem } from './urlCodec';

export interface Fitted {
  readonly state: LinkState;
  readonly problems: readonly Problem[];
}

/** Decodes a fragment and fits it to its expression; never throws. The last one read is kept. */
export const fitFragment = memoLast(fit, (a, b) => a[0] === b[0]);

function fit(fragment: string): Fitted {
  const decoded = decode(fragment);
  let { state } = decoded;
  const problems = [...decoded.problems];
  if (!decoded.fallback) {
    // Inputs and outputs are known without running the program (a program's path needs the values).
    const analyzed = analyzeMemo(state.text);
    if (analyzed.ok) {
      const fitted = reconcile(state, { inputs: analyzed.info.inputs, outputs: analyzed.info.outputs });
      state = fitted.state;
      problems.push(...fitted.problems);
      // The page clamps the step to the trace: a notice about the step names the step shown.
      const trace = deriveModel(state).trace;
      if (trace) problems.splice(0, problems.length, ...nameShownStep(problems, trace.steps.length));
    }
  }
  return { state, problems };
}
