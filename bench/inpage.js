// In-page probes of the page benchmark (bench/page.ts, bench/memory.ts), installed before the page's
// own scripts. Plain browser JavaScript, read as text: functions that travel to the browser must not
// pass through a TypeScript transform that adds helpers the page does not have.
//
// "Painted" means: the frame that shows the change has been rendered on the main thread (style,
// layout, paint, layerize, commit), measured by a task posted from that frame's requestAnimationFrame
// callback, which runs right after the frame's rendering work. Times are performance.now(), whose
// origin is the navigation start of the page.
(() => {
  /** Runs f(time) once the frame now being prepared has been rendered. Call it from a rAF callback. */
  const afterThisFrame = (f) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => f(performance.now());
    ch.port2.postMessage(0);
  };
  /** Calls f(time) after the next frame has been painted. */
  const afterPaint = (f) => requestAnimationFrame(() => afterThisFrame(f));
  const paint = () => new Promise((resolve) => afterPaint(resolve));
  const key = (k) => window.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));

  const graphReady = (nodes) =>
    document.querySelectorAll('[data-node]').length === nodes && !document.querySelector('.graph-pending');
  /**
   * Tells the harness that a measurement is done, through the console: waiting on the page with
   * polled evaluations would run the harness's own script on the main thread (the first poll
   * compiles Playwright's injected script, about 20 ms) inside the window being timed.
   */
  const announce = (what) => console.debug(`wengert-bench:${what}`);
  const tableReady = () =>
    document.querySelector('[data-kind] .katex') !== null && document.fonts.status === 'loaded';

  const bench = {
    /** Every main-thread task over 50 ms since the page started: { start, duration }. */
    longTasks: [],
    /** Cold open: when the graph and the table were first painted complete (ms from navigation start). */
    opened: {},
    /** Key presses seen while armed: { key, input (the event's timestamp), handler, painted }. */
    keys: [],
    keysArmed: false,
    paper: {},

    /**
     * From the page's start: the first painted frame with the whole graph (`nodes` nodes, no "laying
     * out" placeholder), and the first with typeset table rows and the fonts loaded. Polled once per
     * frame, from requestAnimationFrame, so the frame that first shows it is the one timed.
     */
    watchOpen(nodes) {
      const poll = () =>
        requestAnimationFrame(() => {
          const o = bench.opened;
          const both = () => o.graph !== undefined && o.table !== undefined && announce('opened');
          if (o.graph === undefined && o.graphSeen === undefined && graphReady(nodes)) {
            o.graphSeen = true;
            afterThisFrame((t) => ((o.graph = t), both()));
          }
          if (o.table === undefined && o.tableSeen === undefined && tableReady()) {
            o.tableSeen = true;
            afterThisFrame((t) => ((o.table = t), both()));
          }
          if (o.graphSeen === undefined || o.tableSeen === undefined) poll();
        });
      poll();
    },

    /** First contentful paint, ms from navigation start (or null). */
    firstContentfulPaint() {
      const e = performance.getEntriesByName('first-contentful-paint')[0];
      return e ? e.startTime : null;
    },

    /** Records when the paper's example is fully drawn (nodes, typeset rows, fonts, a painted frame) and answers →. */
    watchPaper(nodes, rows) {
      const ready = () =>
        document.querySelectorAll('[data-node]').length === nodes &&
        document.querySelectorAll('[data-kind] .katex').length === rows;
      let seen = false;
      const observer = new MutationObserver(() => {
        if (seen || !ready()) return;
        seen = true;
        observer.disconnect();
        document.fonts.ready.then(() =>
          afterPaint((drawn) => {
            bench.paper.drawn = drawn;
            key('ArrowRight');
            const check = () => {
              if (document.querySelector('[aria-current="step"]'))
                afterPaint((t) => ((bench.paper.answered = t), announce('answered')));
              else requestAnimationFrame(check);
            };
            check();
          }),
        );
      });
      observer.observe(document, { childList: true, subtree: true });
    },

    /** Resolves once the graph has `nodes` nodes and the timeline shows `step`, painted. */
    async settled(nodes, step) {
      // The scrubber shows the store's step; the table marks the row of the current step (CONTRACTS §5).
      const at = () => {
        const scrubber = document.querySelector('input[type="range"]');
        const row = document.querySelector('[aria-current="step"]');
        return scrubber !== null && scrubber.value === String(step) && (step === 0) === (row === null);
      };
      const deadline = performance.now() + 60000;
      for (;;) {
        await paint();
        if (graphReady(nodes) && at()) return;
        if (performance.now() > deadline)
          throw new Error(
            `step ${step} with ${nodes} nodes not shown after 60 s (${location.hash.slice(0, 60)})`,
          );
      }
    },

    /** Waits `ms`, then `frames` painted frames: lets a previous update finish before the next sample. */
    async quiet(ms, frames = 2) {
      await new Promise((r) => setTimeout(r, ms));
      for (let i = 0; i < frames; i++) await paint();
    },

    /** Sets the link (as pasting it would). */
    setHash(hash) {
      location.hash = hash;
    },

    /**
     * Key presses, timed: from the event's own timestamp (when the browser received the key, so any
     * wait for a busy main thread counts) to the frame after it painted. Listens in the capture phase
     * on window, so it runs before the page's own handler.
     */
    armKeys() {
      bench.keys = [];
      bench.keysArmed = true;
      (document.activeElement ?? document.body).blur?.();
    },
    /** Resolves with the record of the n-th armed key press (1-based) once its frame has painted. */
    async keyDone(n) {
      const deadline = performance.now() + 60000;
      while (!(bench.keys.length >= n && bench.keys[n - 1].painted !== undefined)) {
        if (performance.now() > deadline) throw new Error(`key press ${n} not painted after 60 s`);
        await new Promise((r) => setTimeout(r, 2));
      }
      return bench.keys[n - 1];
    },

    /** Long tasks that started at or after `from` (performance.now() time). */
    longTasksSince(from) {
      return bench.longTasks.filter((t) => t.start >= from);
    },

    /**
     * requestAnimationFrame intervals, as measured, while the timeline plays for `duration` ms from
     * where it stands (Space to play, Space to pause).
     */
    frames(duration) {
      return new Promise((resolve) => {
        const deltas = [];
        let last = 0;
        let start = 0;
        const tick = (t) => {
          if (start === 0) {
            start = t;
            key(' '); // play
          } else deltas.push(t - last);
          last = t;
          if (t - start < duration) requestAnimationFrame(tick);
          else {
            key(' '); // pause
            resolve(deltas);
          }
        };
        requestAnimationFrame(tick);
      });
    },

    /**
     * What an edit of a value changes on screen: the results strip's value entries (their full
     * value, `data-value`, beside the text: 500500 × 2.001 and × 2.002 both read 1.002×10⁶) and the
     * values shown on the graph's nodes `nodeIds` (an id or a list).
     */
    shownValues(nodeIds) {
      const strip = [...document.querySelectorAll('[data-result^="value:"]')]
        .map((e) => `${e.getAttribute('data-value')} ${e.textContent}`)
        .join();
      const nodes = [nodeIds]
        .flat()
        .map((id) => document.querySelector(`[data-node="${id}"] [data-field="primal"]`)?.textContent ?? '')
        .join();
      return `${strip}|${nodes}`;
    },

    /**
     * Types `value` into the field of input `name` (as one input event) and resolves with ms from that
     * event to the frame that shows the new values on the nodes `nodeIds`, painted.
     */
    async editValue(name, value, nodeIds) {
      const field = document.querySelector(`input[aria-label="${name}"]`);
      if (!field) throw new Error(`no field for ${name}`);
      const before = bench.shownValues(nodeIds);
      const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
      const t0 = performance.now();
      set.call(field, value);
      field.dispatchEvent(new Event('input', { bubbles: true }));
      const deadline = t0 + 60000;
      for (;;) {
        const t = await new Promise((resolve) =>
          requestAnimationFrame(() => {
            const changed = bench.shownValues(nodeIds) !== before;
            if (changed) afterThisFrame(resolve);
            else resolve(null);
          }),
        );
        if (t !== null) return t - t0;
        if (performance.now() > deadline) throw new Error(`editing ${name} did not change the view in 60 s`);
      }
    },

    /**
     * Arms a probe: ms from the next input event in the editor until both the graph (the output
     * node's values) and the table (the values of its rendered rows) show the change, painted.
     */
    armKeystroke(outputId) {
      const area = document.querySelector('textarea[aria-label="Expression"]');
      const graph = () => document.querySelector(`[data-node="${outputId}"] title`)?.textContent ?? '';
      const table = () =>
        [...document.querySelectorAll('[data-kind][data-value]')]
          .map((r) => r.getAttribute('data-value'))
          .join();
      const graphBefore = graph();
      const tableBefore = table();
      bench.keystroke = new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the view did not update within 10 s')), 10000);
        area.addEventListener(
          'input',
          () => {
            const t0 = performance.now();
            const observer = new MutationObserver(() => {
              if (
                graph() === graphBefore ||
                table() === tableBefore ||
                document.querySelector('.graph-pending')
              )
                return;
              observer.disconnect();
              clearTimeout(timer);
              afterPaint((t) => resolve(t - t0));
            });
            observer.observe(document.body, { childList: true, subtree: true, characterData: true });
          },
          { once: true, capture: true },
        );
      });
    },
  };

  window.addEventListener(
    'keydown',
    (e) => {
      if (!bench.keysArmed) return;
      const record = { key: e.key, input: e.timeStamp, handler: performance.now() };
      bench.keys.push(record);
      afterPaint((t) => (record.painted = t));
    },
    { capture: true },
  );

  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) bench.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // no long-task timing in this browser
  }

  window.__bench = bench;
})();
