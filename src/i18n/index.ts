/**
 * The page's two languages. UI strings come from `en.ts` / `zh.ts` by key; messages made by the core
 * and the link codec (English there, for the command line and the tests) are translated by the
 * pattern table of `messages.zh.ts`. The language is the link's `lang`, else the browser's.
 */
import { Fragment, createElement, useEffect, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import { useStore } from '../state/store';
import {
  HTML_LANG,
  dictionary,
  english,
  fill,
  hasLang,
  loadLang,
  onLangLoaded,
  resolveLang,
  translate,
  translateMessage,
  type Lang,
  type MessageKey,
  type Params,
} from './translate';

export * from './translate';

/** The same, with React nodes as parameters (bold numbers, superscripts, code). */
export function translateRich(
  lang: Lang,
  key: MessageKey,
  params: Readonly<Record<string, ReactNode>>,
): ReactNode {
  const parts = fill<ReactNode>(dictionary(lang)[key] ?? english(key), params, (s) => s);
  return createElement(Fragment, null, ...parts.map((p, i) => createElement(Fragment, { key: i }, p)));
}

/** The language the page asks for: the link's, else the browser's (loaded or not). */
function useWantedLang(): Lang {
  return resolveLang(useStore((s) => s.lang));
}

/**
 * The language the page is shown in: the wanted one once it has loaded, English until then
 * (re-renders when the link's `lang` changes and when a language finishes loading).
 */
export function useLang(): Lang {
  const wanted = useWantedLang();
  const ready = useSyncExternalStore(onLangLoaded, () => hasLang(wanted));
  return ready ? wanted : 'en';
}

/** Chooses the language once it has loaded; it goes into the link as `lang=`. */
export function setLang(lang: Lang): void {
  void loadLang(lang).then(() => useStore.getState().setLink({ lang }));
}

export interface Translator {
  (key: MessageKey, params?: Params): string;
  readonly lang: Lang;
  /** With React nodes as parameters. */
  rich(key: MessageKey, params: Readonly<Record<string, ReactNode>>): ReactNode;
  /** A message from the core or the codec. */
  msg(english: string): string;
}

export function translator(lang: Lang): Translator {
  const t = (key: MessageKey, params?: Params) => translate(lang, key, params);
  return Object.assign(t, {
    lang,
    rich: (key: MessageKey, params: Readonly<Record<string, ReactNode>>) => translateRich(lang, key, params),
    msg: (english: string) => translateMessage(lang, english),
  });
}

/** The translator of the page's current language. */
export function useT(): Translator {
  const lang = useLang();
  return useMemo(() => translator(lang), [lang]);
}

/**
 * Loads the wanted language (a link may name one the page has not loaded yet) and keeps `<html
 * lang>` and the document title in the language shown. Call once, at the top of the page.
 */
export function useDocumentLang(): Lang {
  const wanted = useWantedLang();
  const lang = useLang();
  useEffect(() => {
    void loadLang(wanted);
  }, [wanted]);
  useEffect(() => {
    document.documentElement.lang = HTML_LANG[lang];
    document.title = translate(lang, 'app.title');
  }, [lang]);
  return lang;
}
