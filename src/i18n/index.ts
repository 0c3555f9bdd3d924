/**
 * The page's two languages. UI strings come from `en.ts` / `zh.ts` by key; messages made by the core
 * and the link codec (English there, for the command line and the tests) are translated by the
 * pattern table of `messages.zh.ts`. The language is the link's `lang`, else the browser's.
 */
import { Fragment, createElement, useEffect, useMemo, type ReactNode } from 'react';
import { useStore } from '../state/store';
import { en } from './en';
import {
  DICTIONARIES,
  HTML_LANG,
  fill,
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
  const parts = fill<ReactNode>(DICTIONARIES[lang][key] ?? en[key], params, (s) => s);
  return createElement(Fragment, null, ...parts.map((p, i) => createElement(Fragment, { key: i }, p)));
}

/** The language the page is shown in (re-renders when the link's `lang` changes). */
export function useLang(): Lang {
  const lang = useStore((s) => s.lang);
  return resolveLang(lang);
}

/** Chooses the language; it goes into the link as `lang=`. */
export function setLang(lang: Lang): void {
  useStore.getState().setLink({ lang });
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

/** Keeps `<html lang>` and the document title in the page's language. */
export function useDocumentLang(): Lang {
  const lang = useLang();
  useEffect(() => {
    document.documentElement.lang = HTML_LANG[lang];
    document.title = translate(lang, 'app.title');
  }, [lang]);
  return lang;
}
