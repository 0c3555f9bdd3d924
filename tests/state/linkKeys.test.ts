/**
 * The browser's hostile-corpus test (tests/e2e/hardening.spec.mjs) puts every payload under every
 * link key. It cannot import TypeScript, so it reads the keys from tests/e2e/link-keys.json; this
 * test keeps that list equal to the codec's. A new key: add it to the JSON file.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decode, LINK_KEYS } from '../../src/state/urlCodec';

describe('link keys', () => {
  it('are all in the hostile-corpus list of the browser tests', () => {
    const listed = JSON.parse(
      readFileSync(new URL('../e2e/link-keys.json', import.meta.url), 'utf8'),
    ) as string[];
    expect([...listed].sort()).toEqual([...LINK_KEYS].sort());
  });

  it('are exactly the keys decode knows (no notice for any of them)', () => {
    for (const key of LINK_KEYS.filter((k) => k !== 'v' && k !== 'f')) {
      const { problems } = decode(`v=1&f=x&${key}=zz-unknown-value`);
      expect(
        problems.some((p) => /unknown link keys/.test(p.message)),
        key,
      ).toBe(false);
    }
    expect(decode('v=1&f=x&nosuchkey=1').problems.some((p) => /unknown link keys/.test(p.message))).toBe(
      true,
    );
  });
});
