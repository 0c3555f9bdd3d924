// In-page probes of the page benchmark (bench/page.ts), installed before the page's own scripts.
// Plain browser JavaScript, read as text: functions that travel to the browser must not pass
// through a TypeScript transform that adds helpers the page does not have.
(() => {
  /** Calls f after the next frame has been painted (a task queued from requestAnimationFrame). */
  const afterPaint = (f) =>
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => f(performance.now());
      ch.port2.postMessage(0);
    });
  const macrotask = () =>
    new Promise((resolve) => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => resolve();
      ch.port2.postMessage(0);
    });
  const key = (k) => window.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));

  const bench = {
    paper: {},

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
                afterPaint((t) => (bench.paper.answered = t));
              else requestAnimationFrame(check);
            };
            check();
          }),
        );
      });
      observer.observe(document, { childList: true, subtree: true });
    },

    /**
     * Sets the link; ms until the graph has `nodes` nodes, the table typeset rows, and a frame is
     * painted. First waits `quiet` ms, so that the page's own debounced write of the link (after the
     * last step) cannot land between our write and its hashchange event and undo ours.
     */
    async open(hash, nodes, quiet) {
      await new Promise((r) => setTimeout(r, quiet));
      return new Promise((resolve, reject) => {
        const t0 = performance.now();
        const ready = () =>
          document.querySelectorAll('[data-node]').length === nodes &&
          !document.querySelector('.graph-pending') &&
          document.querySelector('[data-kind] .katex') !== null;
        const timer = setTimeout(() => {
          observer.disconnect();
          const seen = document.querySelectorAll('[data-node]').length;
          const pending = document.querySelector('.graph-pending') ? ', still laying out' : '';
          reject(
            new Error(
              `no ${nodes}-node graph after 30 s (${seen} nodes${pending}; ${location.hash.slice(0, 80)})`,
            ),
          );
        }, 30000);
        const observer = new MutationObserver(() => {
          if (!ready()) return;
          observer.disconnect();
          clearTimeout(timer);
          afterPaint((t) => resolve(t - t0));
        });
        observer.observe(document.body, { childList: true, subtree: true, attributes: true });
        location.hash = hash;
      });
    },

    /** ms from a → key to the update committed, styled and laid out, for `count` steps in a row. */
    async steps(count) {
      const times = [];
      for (let i = 0; i < count; i++) {
        await new Promise((r) => afterPaint(r));
        const t0 = performance.now();
        key('ArrowRight');
        await macrotask(); // React renders in a microtask after the event: done by now
        document.documentElement.getBoundingClientRect(); // style and layout of the new state
        times.push(performance.now() - t0);
      }
      return times;
    },

    /** Frame-to-frame times (requestAnimationFrame) while the timeline plays for `duration` ms. */
    frames(duration) {
      key('Home');
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
  window.__bench = bench;
})();
