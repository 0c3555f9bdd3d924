/**
 * Translation without React: dictionaries, placeholders, the message table and the choice of
 * language. Pure, so that plain modules (graph labels and marks) and Node tests can use it.
 */
import { LANGS, type Lang } from '../state/urlCodec';
import { en, type MessageKey } from './en';
import { messageZh } from './messages.zh';
import { zh } from './zh';

export type { Lang, MessageKey };
export { LANGS };

export const DICTIONARIES: Readonly<Record<Lang, Readonly<Record<MessageKey, string>>>> = { en, zh };

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
  const template = DICTIONARIES[lang][key] ?? en[key];
  return fill<string | number>(template, params, (s) => s).join('');
}

/**
 * A message made by the core or the link codec (a parse error, a caption, a note, a link notice) in
 * `lang`. English is the core's own text; for Chinese, the first matching row of the pattern table,
 * or the English text if no row matches (tests/ui/i18n.test.ts proves that none is left so).
 */
export function translateMessage(lang: Lang, english: string): string {
  if (lang === 'en') return english;
  return messageZh(english) ?? english;
}

/** The language of the browser's preferred languages: any `zh…` first among those we have → zh. */
export function browserLang(
  languages: readonly string[] | undefined = globalThis.navigator?.languages,
): Lang {
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
