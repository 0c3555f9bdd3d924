// @vitest-environment jsdom
/**
 * The link and the browser's history (src/state/urlSync.ts): every change of the state is written
 * into the current entry, debounced; a change after `newHistoryEntry` (choosing an example) is a new
 * entry, so that Back returns to what was shown before, typing not yet written included.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useStore } from '../../src/state/store';
import { newHistoryEntry, startUrlSync, URL_WRITE_DELAY_MS, writeLinkNow } from '../../src/state/urlSync';
import { EXAMPLES, exampleState } from '../../src/ui/examples';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** The expression in the address bar. */
const linkText = () => new URLSearchParams(window.location.hash.slice(1)).get('f');
const hashChanged = () => new Promise((r) => window.addEventListener('hashchange', r, { once: true }));

let stop: () => void = () => {};
beforeEach(() => {
  window.history.replaceState(null, '', '/#v=1&f=ln(x1)%2Bx1*x2-sin(x2)&at=x1:2,x2:5');
  stop = startUrlSync();
});
afterEach(() => stop());

describe('the link and the history', () => {
  it('writes typing into the current entry, and an example chosen into a new one', async () => {
    const start = window.history.length;
    useStore.getState().setText('x1*x2');
    await wait(URL_WRITE_DELAY_MS + 50);
    expect(linkText()).toBe('x1*x2');
    expect(window.history.length).toBe(start);

    // Typed, and an example chosen before the link caught up with the typing.
    useStore.getState().setText('x1*x2 + sin(x1)');
    const example = EXAMPLES.find((e) => e.text !== 'x1*x2 + sin(x1)')!;
    newHistoryEntry();
    useStore.getState().load(exampleState(example));
    await wait(URL_WRITE_DELAY_MS + 50);
    expect(window.history.length).toBe(start + 1);
    expect(useStore.getState().text).toBe(example.text);

    // Back: the expression as typed, the last keystrokes included.
    const back = hashChanged();
    window.history.back();
    await back;
    expect(linkText()).toBe('x1*x2 + sin(x1)');
    expect(useStore.getState().text).toBe('x1*x2 + sin(x1)');

    // Forward again: the example.
    const forward = hashChanged();
    window.history.forward();
    await forward;
    expect(useStore.getState().text).toBe(example.text);
  });

  it('adds no entry when nothing changes after it is asked for', async () => {
    const start = window.history.length;
    newHistoryEntry();
    await wait(URL_WRITE_DELAY_MS + 50);
    useStore.getState().setText('x1 + x2');
    await wait(URL_WRITE_DELAY_MS + 50);
    // The mark was for the next write; typing later is not an entry of its own.
    expect(window.history.length).toBe(start);
  });

  it('a link put in the address bar just before a pending write wins, even before its event comes', async () => {
    // Stepped: a write of step=3 is pending.
    useStore.getState().setStep(3);
    // Another link is put into the address bar (a paste, or a test's goto); the browser changes the
    // address at once and delivers `hashchange` as a task of its own, which may come after the timer.
    const pasted = 'v=1&f=x1*x2&at=x1:3,x2:4&step=2';
    window.history.replaceState(null, '', `/#${pasted}`);
    await wait(URL_WRITE_DELAY_MS + 50);
    expect(window.location.hash.slice(1)).toBe(pasted);
    expect(useStore.getState().text).toBe('x1*x2');
    expect(useStore.getState().step).toBe(2);
    // The event, when it comes, changes nothing more.
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await wait(URL_WRITE_DELAY_MS + 50);
    expect(window.location.hash.slice(1)).toBe(pasted);
    expect(useStore.getState().step).toBe(2);
    // And the page goes on writing its own changes.
    useStore.getState().setStep(1);
    await wait(URL_WRITE_DELAY_MS + 50);
    expect(new URLSearchParams(window.location.hash.slice(1)).get('step')).toBe('1');
  });

  it('writes a pending change at once when asked (Copy link without the clipboard), and only once', async () => {
    const start = window.history.length;
    useStore.getState().setStep(4);
    writeLinkNow();
    expect(new URLSearchParams(window.location.hash.slice(1)).get('step')).toBe('4');
    // The next change is the page's own: written after its pause, not read as a pasted link.
    useStore.getState().setStep(5);
    await wait(URL_WRITE_DELAY_MS + 50);
    expect(new URLSearchParams(window.location.hash.slice(1)).get('step')).toBe('5');
    expect(useStore.getState().step).toBe(5);
    expect(window.history.length).toBe(start);
  });
});
