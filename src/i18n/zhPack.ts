/** 简体中文, loaded on demand (`loadLang('zh')`): the dictionary, the message table, the examples. */
import { EXAMPLES_ZH } from './examples.zh';
import { messageZh } from './messages.zh';
import type { LangPack } from './translate';
import { zh } from './zh';

export const zhPack: LangPack = { dict: zh, message: messageZh, examples: EXAMPLES_ZH };
