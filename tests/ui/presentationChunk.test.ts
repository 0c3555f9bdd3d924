/**
 * Presentation and embed modes load their parts as a chunk of their own (src/ui/modes.tsx). main.tsx
 * awaits it before the first paint of a link in a mode, so a chunk that cannot load must not reject
 * (the page would never render) and must not be remembered as failed (the next ask tries again).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.doUnmock('../../src/ui/presentation');
  vi.resetModules();
});

describe('loadPresentation', () => {
  it('resolves null, not a rejection, when the chunk cannot load, and tries again next time', async () => {
    let fail = true;
    vi.doMock('../../src/ui/presentation', () => {
      if (fail) throw new Error('chunk could not load');
      return { PresentBar: () => null, PresentRow: () => null, EmbedBar: () => null };
    });
    const { loadPresentation } = await import('../../src/ui/modes');
    await expect(loadPresentation()).resolves.toBeNull();
    fail = false;
    const second = await loadPresentation();
    expect(second).not.toBeNull();
    expect(typeof second!.PresentBar).toBe('function');
  });

  it('loads the real chunk once, with the three parts App draws', async () => {
    const { loadPresentation } = await import('../../src/ui/modes');
    const a = await loadPresentation();
    const b = await loadPresentation();
    expect(a).toBe(b);
    for (const part of ['PresentBar', 'PresentRow', 'EmbedBar'] as const)
      expect(typeof a![part]).toBe('function');
  });
});
