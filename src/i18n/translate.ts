/**
 * Translation without React: dictionaries, placeholders, the message table and the choice of
 * language. Pure, so that plain modules (graph labels and marks) and Node tests can use it.
 *
 * English is built in. Chinese (its dictionary, message table and example texts, `zhPack.ts`) is a
 * separate chunk loaded by `loadLang('zh')`, so that English readers do not download it; until it
 * has loaded, `zh` reads as English.
 */
import { LANGS, type Lang } from '../state/urlCodec';
import { en, type MessageKey } from './en';

export type { Lang, MessageKey };
export { LANGS };

/** Everything one language other than English needs. */
export interface LangPack {
  readonly dict: Readonly<Record<MessageKey, string>>;
  /** A core or codec message in this language, or null if no pattern matches it. */
  readonly message: (english: string) => string | null;
  /** Example titles and lessons, by English title. */
  readonly examples: Readonly<Record<string, { readonly title: string; readonly lesson: string }>>;
}

/**
 * English: the page's strings, and the teaching panels' once a panel has loaded them (`addEnglish`).
 * A key asked for before then reads as itself; no panel shows before its module has loaded.
 */
const englishDict: Partial<Record<MessageKey, string>> = { ...en };
const ENGLISH: LangPack = {
  dict: englishDict as Readonly<Record<MessageKey, string>>,
  message: (english) => english,
  examples: {},
};

/** Adds English strings that load with a part of the page (the teaching panels: `en.panels.ts`). */
export function addEnglish(strings: Readonly<Partial<Record<MessageKey, string>>>): void {
  Object.assign(englishDict, strings);
}

/** The English string of `key` (the key itself if its strings have not loaded). */
export const english = (key: MessageKey): string => englishDict[key] ?? key;
const packs: Partial<Record<Lang, LangPack>> = { en: ENGLISH };
const loading: Partial<Record<Lang, Promise<void>>> = {};
const listeners = new Set<() => void>();

/** Whether `lang` can be shown now (English always can). */
export function hasLang(lang: Lang): boolean {
  return packs[lang] !== undefined;
}

/** Loads a language's pack once; resolves when it can be shown (or, if loading failed, never shows it). */
export function loadLang(lang: Lang): Promise<void> {
  if (hasLang(lang)) return Promise.resolve();
  loading[lang] ??= import('./zhPack')
    .then((m) => {
      packs[lang] = m.zhPack;
      for (const f of listeners) f();
    })
    .catch(() => {
      delete loading[lang];
    });
  return loading[lang];
}

/** Calls `f` whenever a language has finished loading; returns the unsubscribe. */
export function onLangLoaded(f: () => void): () => void {
  listeners.add(f);
  return () => listeners.delete(f);
}

/** The dictionary of `lang`, English until it has loaded. */
export function dictionary(lang: Lang): Readonly<Record<MessageKey, string>> {
  return (packs[lang] ?? ENGLISH).dict;
}

/** How each language names itself in the switch. */
export const LANG_NAMES: Readonly<Record<Lang, string>> = { en: 'English', zh: '中文' };

/** The `lang` attribute of the page for each language. */
export const HTML_LANG: Readonly<Record<Lang, string>> = { en: 'en', zh: 'zh-Hans' };

export type Params = Readonly<Record<string, string | number>>;

/** `{name}` → the parameter; `{n|one|other}` → `one` if n is 1, else `other`. Unknown names stay. */
const PLACEHOLDER = /\{(\w+)(?:\|([^|{}]*)\|([^|{}]*))?\}/g;

/** Fills a template's placeholders; parameters may be any value, for `translateRich`. */
export function fill<T>(template: string, params: Readonly<Record<string, T>>, text: (s: string) => T): T[] {
  const out: T[] = [];
  let last = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    const [whole, name = '', one, other] = m;
    if (m.index > last) out.push(text(template.slice(last, m.index)));
    last = m.index + whole.length;
    if (!Object.hasOwn(params, name)) out.push(text(whole));
    else if (one !== undefined) out.push(text(Number(params[name]) === 1 ? one : (other ?? '')));
    else out.push(params[name]!);
  }
  if (last < template.length) out.push(text(template.slice(last)));
  return out;
}

/** The string of `key` in `lang`, with its placeholders filled. */
export function translate(lang: Lang, key: MessageKey, params: Params = {}): string {
  const template = dictionary(lang)[key] ?? english(key);
  return fill<string | number>(template, params, (s) => s).join('');
}

/**
 * A message made by the core or the link codec (a parse error, a caption, a note, a link notice) in
 * `lang`. English is the core's own text; for Chinese, the first matching row of the pattern table,
 * or the English text if no row matches (tests/ui/i18n.test.ts proves that none is left so).
 */
export function translateMessage(lang: Lang, english: string): string {
  if (lang === 'en') return english;
  return packs[lang]?.message(english) ?? english;
}

/** An example's title and lesson in `lang` (English if there is no translation). */
export function exampleText(
  lang: Lang,
  e: { readonly title: string; readonly lesson: string },
): { title: string; lesson: string } {
  const t = packs[lang]?.examples[e.title];
  return t ? { title: t.title, lesson: t.lesson } : { title: e.title, lesson: e.lesson };
}

/** The language of the browser's preferred languages: any `zh…` first among those we have → zh. */
export function browserLang(
  languages: readonly string[] | undefined = globalThis.navigator?.languages,
): Lang {
  // Asked on every render of every component that translates (thousands of graph nodes): the
  // browser hands out the same frozen list until its languages change, so the answer is kept.
  if (languages !== undefined && languages === seenLanguages) return seenLang;
  const lang = firstKnown(languages);
  seenLanguages = languages;
  seenLang = lang;
  return lang;
}

let seenLanguages: readonly string[] | undefined;
let seenLang: Lang = 'en';

function firstKnown(languages: readonly string[] | undefined): Lang {
  for (const l of languages ?? []) {
    const base = l.toLowerCase().split('-')[0];
    if (base === 'zh') return 'zh';
    if (base === 'en') return 'en';
  }
  return 'en';
}

/** The page's language: the link's, else the browser's. */
export function resolveLang(lang: Lang | null, languages?: readonly string[]): Lang {
  return lang ?? browserLang(languages);
}
