/**
 * Messages made by the core and the link codec, in Chinese. The core stays pure and English (the
 * command line and the tests read its text); the page translates what it shows with one ordered table
 * of patterns: each row maps one English message form, anchored `^…$`, to its Chinese, with the
 * variable parts (names, numbers, quoted text, formulas) captured and put back untouched.
 *
 * tests/ui/i18n.test.ts generates every message the core and the codec can produce (the BAD_INPUTS
 * catalogue, the numerics cases, every example's trace in every mode, the teaching sentences, the
 * link problems) and checks that each one is matched here and leaves no English behind.
 */
import { ORDINALS, STRONG_ZERO } from '../core/trace';

/** `text` as a regular expression that matches it literally. */
const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The sweeps' strong zero (core/trace.ts, `STRONG_ZERO`). */
const STRONG_ZERO_ZH = '强零约定：求导的扫描中 0 × ∞ 与 0 × NaN 得 0（按 IEEE 运算，如数值本身，得 NaN）';

/** A replacement: a template with `$1`…`$9`, or a function of the groups (null: try the next row). */
type Replacement = string | ((g: readonly string[]) => string | null);

// Building blocks -----------------------------------------------------------------------------------

/** `rule.words` → the operation in Chinese, applied to its arguments (primal captions). */
const APPLY: Readonly<Record<string, (a: string, b: string) => string>> = {
  'the sum of': (a, b) => `${a} 与 ${b} 的和`,
  'the difference of': (a, b) => `${a} 减 ${b} 的差`,
  'the product of': (a, b) => `${a} 与 ${b} 的积`,
  'the quotient of': (a, b) => `${a} 除以 ${b} 的商`,
  'the negation of': (a) => `${a} 的相反数`,
  'the power of': (a, b) => `${a} 的 ${b} 次幂`,
  'the sine of': (a) => `${a} 的正弦`,
  'the cosine of': (a) => `${a} 的余弦`,
  'the tangent of': (a) => `${a} 的正切`,
  'the arcsine of': (a) => `${a} 的反正弦`,
  'the arccosine of': (a) => `${a} 的反余弦`,
  'the arctangent of': (a) => `${a} 的反正切`,
  'the hyperbolic sine of': (a) => `${a} 的双曲正弦`,
  'the hyperbolic cosine of': (a) => `${a} 的双曲余弦`,
  'the hyperbolic tangent of': (a) => `${a} 的双曲正切`,
  'the exponential of': (a) => `e 的 ${a} 次幂`,
  'the natural logarithm of': (a) => `${a} 的自然对数`,
  'the base-2 logarithm of': (a) => `${a} 以 2 为底的对数`,
  'the base-10 logarithm of': (a) => `${a} 以 10 为底的对数`,
  'the square root of': (a) => `${a} 的平方根`,
  'the absolute value of': (a) => `${a} 的绝对值`,
  'the logistic sigmoid of': (a) => `${a} 的 sigmoid 函数值`,
  'the rectified linear unit of': (a) => `${a} 的 ReLU 函数值`,
  'the larger of': (a, b) => `${a} 与 ${b} 中较大的一个`,
  'the smaller of': (a, b) => `${a} 与 ${b} 中较小的一个`,
  'the angle atan2 of': (a, b) => `角度 atan2(${a}, ${b})`,
};

/** `rule.words` → the operation's name alone (quiz feedback: "evaluating the sum of its arguments"). */
const NOUN: Readonly<Record<string, string>> = {
  'the sum of': '和',
  'the difference of': '差',
  'the product of': '积',
  'the quotient of': '商',
  'the negation of': '相反数',
  'the power of': '幂',
  'the sine of': '正弦',
  'the cosine of': '余弦',
  'the tangent of': '正切',
  'the arcsine of': '反正弦',
  'the arccosine of': '反余弦',
  'the arctangent of': '反正切',
  'the hyperbolic sine of': '双曲正弦',
  'the hyperbolic cosine of': '双曲余弦',
  'the hyperbolic tangent of': '双曲正切',
  'the exponential of': '指数函数值',
  'the natural logarithm of': '自然对数',
  'the base-2 logarithm of': '以 2 为底的对数',
  'the base-10 logarithm of': '以 10 为底的对数',
  'the square root of': '平方根',
  'the absolute value of': '绝对值',
  'the logistic sigmoid of': 'sigmoid 函数值',
  'the rectified linear unit of': 'ReLU 函数值',
  'the larger of': '较大者',
  'the smaller of': '较小者',
  'the angle atan2 of': 'atan2 角度',
};

/** `rule.derivativeRule` → its Chinese name. */
const DERIVATIVE_RULE: Readonly<Record<string, string>> = {
  'the sum rule': '加法求导法则',
  'the difference rule': '减法求导法则',
  'the product rule': '乘积法则',
  'the quotient rule': '商的求导法则',
  'the rule for a sign change': '变号的求导法则',
  'the power rule': '幂函数求导法则',
};

/** The things a link key names, in its notices. */
const LINK_THING: Readonly<Record<string, string>> = {
  'tangent seed': '切线种子',
  'adjoint seed': '伴随种子',
  'finite-difference input': '有限差分的输入',
  'direction vector': '方向向量',
  'cotangent vector': '余切向量',
  panel: '面板',
  timeline: '时间轴模式',
  language: '语言',
};

/** Why a link is damaged. */
const DAMAGED: readonly (readonly [RegExp, string])[] = [
  [/^the value list "at" has broken percent-encoding$/, '取值列表 "at" 的百分号编码已损坏'],
  [/^it has broken percent-encoding$/, '其中的百分号编码已损坏'],
  [/^it has no expression "f"$/, '缺少表达式 "f"'],
  [/^it has no version "v"$/, '缺少版本号 "v"'],
  [/^its version (.*) is not one this page reads$/s, '本页无法读取它的版本 $1'],
];

/** `second` → 2, `11th` → 11. */
const ordinalNumber = (word: string): string | null => {
  const i = ORDINALS.indexOf(word);
  if (i >= 0) return String(i + 1);
  const m = /^(\d+)th$/.exec(word);
  return m ? m[1]! : null;
};

/** `twice` → 2, `three times` → 3, `4 times` → 4. */
const timesNumber = (word: string): string | null =>
  word === 'twice' ? '2' : word === 'three times' ? '3' : (/^(\d+) times$/.exec(word)?.[1] ?? null);

/** A quoted list from the codec: `"a", "b" and 3 more`. */
const list = (text: string): string => text.replace(/^(.*") and (\d+) more$/s, '$1 等（另有 $2 项）');

/** `f has 2 inputs and 1 output` → `f 有 2 个输入、1 个输出`. */
const SHAPE = 'f has (\\d+) inputs? and (\\d+) outputs?';
const shape = (n: string, m: string): string => `f 有 ${n} 个输入、${m} 个输出`;
const totals = (a: string, b: string): string => `前向共 ${a} 个运算，反向共 ${b} 个`;
const MODE: Readonly<Record<string, string>> = { forward: '前向', reverse: '反向' };

/** `col 5` / `line 2, col 3` → 第 5 列 / 第 2 行第 3 列. */
const place = (text: string): string =>
  text.replace(/^line (\d+), col (\d+)$/, '第 $1 行第 $2 列').replace(/^col (\d+)$/, '第 $1 列');
const PLACE = '(col \\d+|line \\d+, col \\d+)';

/** A token as the parser quotes it, in Chinese where it is words. */
const token = (t: string): string =>
  t === 'the end' ? '文本末尾' : t === 'the end of the line' ? '行尾' : t;

const BODY_OF: Readonly<Record<string, string>> = {
  'the if': 'if 语句',
  'the else': 'else 分支',
  'the for loop': 'for 循环',
  'the while loop': 'while 循环',
};

/** `sinx is read as an input; for the sine write sin(x)`: the function's name in words. */
const FUNCTION_WORDS: Readonly<Record<string, string>> = {
  'the sine': '正弦',
  'the cosine': '余弦',
  'the tangent': '正切',
  'the exponential': '指数函数',
  'the logarithm': '对数',
  'the square root': '平方根',
  'the absolute value': '绝对值',
};

const truth = (t: string): string => (t === 'true' ? '成立（true）' : '不成立（false）');
const values = (v: string | undefined): string => (v ? `（${v}）` : '');

// The table ----------------------------------------------------------------------------------------

export const MESSAGES_ZH: readonly (readonly [RegExp, Replacement])[] = [
  // Programs: the parser (CONTRACTS §1b)
  [/^Unknown function '(.*)' — did you mean (\w+)\?$/s, "未知函数 '$1'——你是不是想写 $2？"],
  [
    /^Expected '\{' to start the body of (the if|the else|the for loop|the while loop), found (.*)$/s,
    ([what, found]) => `${BODY_OF[what!]} 的主体需要以 '{' 开始，这里却是 ${token(found!)}`,
  ],
  [/^'\{' at col (\d+) is never closed$/, "第 $1 列的 '{' 没有闭合"],
  [/^Unmatched '\}'$/, "多余的 '}'：没有与之匹配的 '{'"],
  [
    /^return must be the last statement: the statements after it would never run$/,
    'return 必须是最后一条语句：它后面的语句永远不会执行',
  ],
  [
    /^return must be the last statement of the program, not inside a block$/,
    'return 必须是整个程序的最后一条语句，不能写在代码块里',
  ],
  [/^'else' must follow the '\}' of an if$/, "'else' 必须紧跟在 if 语句的 '}' 之后"],
  [
    /^'(.*)' is a keyword and cannot be assigned: choose another name$/s,
    "'$1' 是关键字，不能被赋值：请换一个名字",
  ],
  [
    /^'(.*)' is a keyword: it starts a statement and cannot be used as a value$/s,
    "'$1' 是关键字：它用来开始一条语句，不能当作值使用",
  ],
  [
    /^Unexpected '\{': a block follows if, else, for or while$/,
    "这里不应出现 '{'：代码块只能跟在 if、else、for 或 while 后面",
  ],
  [
    /^A comparison such as (.*) belongs in an if or while condition$/s,
    '像 $1 这样的比较只能写在 if 或 while 的条件里',
  ],
  [
    /^Expected a loop variable after 'for', as in for i in 1\.\.3$/,
    "'for' 后面需要一个循环变量，例如 for i in 1..3",
  ],
  [/^'(.*)' is a function: choose another loop variable$/s, "'$1' 是函数：请换一个循环变量"],
  [/^'(.*)' is a constant: choose another loop variable$/s, "'$1' 是常数：请换一个循环变量"],
  [/^Expected 'in' after the loop variable, as in (.*)$/s, "循环变量后面需要 'in'，例如 $1"],
  [/^Expected '\.\.' in the range, as in (.*)$/s, "范围里需要 '..'，例如 $1"],
  [
    /^Expected what to return after 'return', as in return y$/,
    "'return' 后面需要写出要返回的值，例如 return y",
  ],
  [/^To compare, write == \(a single = assigns\)$/, '比较是否相等请写 ==（单个 = 表示赋值）'],
  [
    /^Expected a comparison \(<, <=, >, >=, == or !=\) after the expression, found (.*)$/s,
    ([found]) => `表达式后面需要一个比较运算符（<、<=、>、>=、== 或 !=），这里却是 ${token(found!)}`,
  ],
  [/^Comparisons do not chain: write a (\S+) b and b (\S+) c$/, "比较不能连写：请写成 'a $1 b and b $2 c'"],
  [
    /^'\.\.' belongs in a for loop's range, as in for i in 1\.\.3$/,
    "'..' 只能用在 for 循环的范围里，例如 for i in 1..3",
  ],
  [
    /^Character '!' is not allowed: write != to compare, or not for a negation$/,
    "不允许使用字符 '!'：比较不相等请写 '!='，取反请写 'not'",
  ],
  // Expression text: the lexer
  [/^'_' is not allowed in names: write (.*)$/s, "名字里不能有 '_'：请写成 $1"],
  [/^'_' is not allowed in numbers: write (.*)$/s, "数字里不能有 '_'：请写成 $1"],
  [/^Character (U\+[0-9A-F]{4,6}|'.') is not allowed: write (.*)$/s, '不允许使用字符 $1：请改写为 $2'],
  [
    /^Character (U\+[0-9A-F]{4,6}|'.') is not allowed: a number needs a digit after the point$/s,
    '不允许使用字符 $1：小数点后面需要有数字',
  ],
  [/^Character (U\+[0-9A-F]{4,6}|'.') is not allowed$/s, '不允许使用字符 $1'],
  [
    /^Hexadecimal, binary and octal numbers like (.*) are not supported: write a decimal number$/s,
    '不支持 $1 这样的十六进制、二进制或八进制数：请写成十进制数',
  ],
  [/^Unexpected '\.' after the number (.*)$/s, "数 $1 后面多了一个 '.'"],
  [/^The exponent of (.*) is missing: write for example (.*)$/s, '$1 缺少指数：例如写成 $2'],
  [/^Use '\.' as the decimal mark: write (.*)$/s, "请用 '.' 作小数点：写成 $1"],
  [
    /^Number too large: (.*) is beyond the largest double \(about 1\.8e308\)$/s,
    '数值过大：$1 超出了双精度浮点数的最大值（约 1.8e308）',
  ],
  [
    /^(.*) is smaller than the smallest double and is read as 0$/s,
    '$1 小于双精度浮点数能表示的最小值，按 0 处理',
  ],
  // Expression text: the parser
  [/^Expression too long: (\d+) characters \(limit (\d+)\)$/, '表达式过长：$1 个字符（上限 $2 个）'],
  [/^Expression too complex to read$/, '表达式过于复杂，无法读取'],
  [/^Nested too deeply \(limit (\d+)\)$/, '嵌套层数过深（上限 $1 层）'],
  [/^Expression too large \(limit (\d+) operations\)$/, '表达式过大（上限 $1 个运算）'],
  [/^Enter an expression$/, '请输入表达式'],
  [
    /^'(.*)' is a function and cannot be assigned: choose another name$/s,
    "'$1' 是函数，不能被赋值：请换一个名字",
  ],
  [
    /^'(.*)' is a constant and cannot be assigned: choose another name$/s,
    "'$1' 是常数，不能被赋值：请换一个名字",
  ],
  [/^Expected an expression after '='$/, "'=' 后面需要一个表达式"],
  [/^Missing operator between '(.*)' and '(.*)' — write (.*)$/s, "'$1' 和 '$2' 之间缺少运算符——请写成 $3"],
  [/^Expected a value inside '\(\)'$/, "'()' 里面需要一个值"],
  [/^Unknown function '(.*)'; to multiply, write (.*)$/s, "未知函数 '$1'；如果要相乘，请写成 $2"],
  [/^Unknown function '(.*)'$/s, "未知函数 '$1'"],
  [/^(\w+) takes (\d+) arguments?, got (\d+)$/, '$1 需要 $2 个参数，这里给了 $3 个'],
  [/^(\w+) needs parentheses: (.*)$/s, '$1 需要加括号：$2'],
  [/^'\(' at col (\d+) is never closed$/, "第 $1 列的 '(' 没有闭合"],
  [
    /^Unexpected ',': use '\.' as the decimal mark, and ',' only between a function's arguments$/,
    "这里不应出现 ','：小数点请用 '.'，',' 只用来分隔函数的参数",
  ],
  [/^Expected a value after the end of the line$/, '行尾之后需要一个值'],
  [/^Expected a value after (.*)$/s, '$1 后面需要一个值'],
  [/^Unmatched '\)'$/, "多余的 ')'：没有与之匹配的 '('"],
  [/^Only a name can stand left of '=', as in y = x\^2$/, "'=' 左边只能是一个名字，例如 y = x^2"],
  [/^Unexpected the end of the line$/, '这里不应出现行尾'],
  [/^Unexpected (.*)$/s, '这里不应出现 $1'],
  // Expression text: the tape
  [/^'(.*)' is already defined at col (\d+)$/s, "'$1' 已经在第 $2 列定义过"],
  [
    new RegExp(`^'(.*)' is used at ${PLACE} before it is defined here: define it first$`, 's'),
    ([name, at]) => `'${name}' 在${place(at!)}就被使用了，却到这里才定义：请先定义它`,
  ],
  [
    new RegExp(
      `^'(.*)' is read at ${PLACE} before it is ever assigned, so it is an input, and an input cannot be assigned: give (\\S+) a value before it is read \\((.*)\\), or copy the input first \\((.*)\\) and change the copy$`,
      's',
    ),
    ([name, at, , init, copy]) =>
      `'${name}' 在${place(at!)}第一次出现时就被读取，还没有赋过值，所以它是一个输入，而输入不能被赋值：请在读取之前先给它一个值（${init}），或者先复制这个输入（${copy}）再修改副本`,
  ],
  [
    /^'(.*)' is the variable of its for loop and cannot be assigned in the loop$/s,
    "'$1' 是 for 循环的循环变量，不能在循环里被赋值",
  ],
  [
    /^'(.*)' is already a name in this program: choose another name for the loop variable$/s,
    "'$1' 在这个程序里已经用作别的名字：请给循环变量换一个名字",
  ],
  [/^'(.*)' is returned twice: return each result once$/s, "'$1' 被返回了两次：每个结果只返回一次"],
  [
    /^Nothing to output: end the program with return, as in return (\S+), or assign a result outside the blocks$/,
    '没有输出：请用 return 结束程序，例如 return $1，或者在代码块之外给结果赋值',
  ],
  [
    /^(\S+) is read as an input; for (the [a-z ]+) write (.*)$/s,
    ([name, words, call]) => {
      const w = FUNCTION_WORDS[words!];
      return w ? `${name} 被当作一个输入；如果要表示${w}，请写成 ${call}` : null;
    },
  ],
  // Programs: running on the input values (program.ts)
  [/^A for loop's bounds must be whole numbers; this one is (.*)$/s, 'for 循环的上下界必须是整数；这里是 $1'],
  [
    /^This for loop would run ([\d,]+) times \(limit ([\d,]+) iterations\)$/,
    '这个 for 循环要执行 $1 次（上限 $2 次迭代）',
  ],
  [
    /^This while loop ran ([\d,]+) times and its condition is still true \(limit ([\d,]+) iterations\): does it ever become false\?$/,
    '这个 while 循环已经执行了 $1 次，条件仍然成立（上限 $2 次迭代）：它的条件会变为 false 吗？',
  ],
  [
    /^The loops ran more than ([\d,]+) iterations in all \(limit ([\d,]+)\)$/,
    '所有循环合计执行了超过 $1 次迭代（上限 $2）',
  ],
  [
    /^'(.*)' is read here before it is assigned on the path these inputs take: assign it before, or on every branch$/s,
    "按这组输入所走的路径，'$1' 在这里被读取时还没有赋值：请在此之前赋值，或者在每个分支里都赋值",
  ],
  [
    /^'(.*)' is the variable of a for loop and exists only inside that loop$/s,
    "'$1' 是 for 循环的循环变量，只在那个循环里面存在",
  ],
  [
    /^The path these inputs take is too long: more than ([\d,]+) operations \(limit ([\d,]+) operations\)$/,
    '这组输入所走的路径太长：超过 $1 个运算（上限 $2 个运算）',
  ],
  [/^The expression has no inputs: use a variable such as x$/, '表达式没有输入：请使用变量，例如 x'],
  [
    /^The expression has no inputs: it is the constant (\S+); use a variable such as x to see derivatives$/,
    '表达式没有输入：它是常数 $1；请使用变量（例如 x）来查看导数',
  ],
  [
    /^'(.*)' does not depend on any input on the path taken \(it is the constant (.*)\): an output needs an input, so write it as (.*) for a slope of 0$/s,
    "在所走的路径上，'$1' 不依赖任何输入（它是常数 $2）：输出必须依赖输入，可写成 $3，斜率为 0",
  ],
  [
    /^'(.*)' does not depend on any input \(it is the constant (.*)\): every statement is an output unless the program ends with a return, such as (.*)$/s,
    "'$1' 不依赖任何输入（它是常数 $2）：程序不以 return 结尾时，每条语句都是输出；可在末尾写 $3",
  ],
  [
    /^'(.*)' does not depend on any input \(it is the constant (.*)\)$/s,
    "'$1' 不依赖任何输入（它是常数 $2）",
  ],
  [
    /^This expression does not depend on any input \(it is the constant (.*)\)$/s,
    '这个表达式不依赖任何输入（它是常数 $1）',
  ],

  // Input values
  [/^(\w+) needs a value$/, '$1 需要一个值'],
  [/^(\w+) must be a finite decimal number, like 2 or -0\.5$/, '$1 必须是有限的十进制数，例如 2 或 -0.5'],
  [/^(\w+) is too large: the limit is about 1\.8e308$/, '$1 过大：上限约为 1.8e308'],
  [/^(\w+) is too long: (\d+) characters \(limit (\d+)\)$/, '$1 过长：$2 个字符（上限 $3 个）'],

  // Notes: conventions and numeric events. The strong zero first: joined to a node's other note
  // (`overflow: …; strong zero: …`) it would be half-matched by that note's row.
  [new RegExp(`^${escapeRegExp(STRONG_ZERO)}$`), STRONG_ZERO_ZH],
  [
    new RegExp(`^(.+); ${escapeRegExp(STRONG_ZERO)}$`, 's'),
    ([note]) => {
      const zh = messageZh(note!);
      return zh === null ? null : `${zh}；${STRONG_ZERO_ZH}`;
    },
  ],
  [/^(ln|log|log2|log10)\(0\) = −∞$/, '$1(0) = −∞：对数在 0 处为负无穷'],
  [/^outside the domain of (\w+)$/, '超出 $1 的定义域'],
  [/^overflow: (\w+) is too large for a double$/, '溢出：$1 的结果超出了双精度浮点数的范围'],
  [/^0\/0 is undefined \(NaN\)$/, '0/0 没有定义（NaN）'],
  [/^division by zero$/, '除以零'],
  [/^∂\(x\^y\)\/∂y = 0 at x = 0 \(convention\)$/, '约定：在 x = 0 处取 ∂(x^y)/∂y = 0'],
  [/^a negative base needs an integer exponent$/, '底数为负时，指数必须是整数'],
  [/^near a pole of (\w+)$/, '接近 $1 的极点'],
  [/^(\w+) is not differentiable at 0: (.*) by convention$/, '$1 在 0 处不可导：按约定取 $2'],
  [
    /^(\w+) is not differentiable at 0: (.*) \(PyTorch's choice\)$/,
    '$1 在 0 处不可导：取 $2（PyTorch 的做法）',
  ],
  [/^(\w+) is not differentiable at 0: (.*)$/, '$1 在 0 处不可导：$2'],
  [
    /^a tie in (max|min): the derivative goes to the first argument$/,
    '$1 的两个参数相等：导数全部归于第一个参数',
  ],
  [/^atan2 has no derivative at \(0, 0\)$/, 'atan2 在 (0, 0) 处不可导'],

  // Captions of the trace (trace.ts)
  [/^(\S+) is the input (\S+) = (\S+)\.$/, '$1 是输入 $2 = $3。'],
  [
    /^(\S+) is (the [a-z0-9 -]+? of) (.+): (\S+)\.$/s,
    ([id, words, args, value]) => {
      const apply = APPLY[words!];
      if (!apply) return null;
      const [a = '', b = ''] = args!.split(' and ');
      return `${id} 是 ${apply(a, b)}：${value}。`;
    },
  ],
  [/^Seed: (.*) \(we differentiate with respect to (\S+)\)\.$/s, '种子：$1（对 $2 求导）。'],
  [/^Seed: (.*)\.$/s, '种子：$1。'],
  [/^Chain rule: (.*)\.$/s, '链式法则：$1。'],
  [/^Seed the output: (.*); the reverse sweep starts here\.$/s, '为输出设种子：$1；反向扫描从这里开始。'],
  [
    /^(\S+) is used (twice|three times|\d+ times), so (\S+) collects a (\w+) contribution from (\S+): now (\S+)\.$/,
    ([who, times, bar, ordinal, from, value]) => {
      const n = timesNumber(times!);
      const k = ordinalNumber(ordinal!);
      if (n === null || k === null) return null;
      return `${who} 被使用了 ${n} 次，所以 ${bar} 从 ${from} 收到第 ${k} 份贡献：现在为 ${value}。`;
    },
  ],
  [
    /^(\S+) pushes its adjoint back to (\S+): (.*) \(the first of (\d+) contributions\)\.$/s,
    '$1 把伴随值传回 $2：$3（这是 $4 份贡献中的第一份）。',
  ],
  [/^(\S+) pushes its adjoint back to (\S+): (.*)\.$/s, '$1 把伴随值传回 $2：$3。'],
  // Captions of decisions (programs with control flow)
  [
    /^Branch: (.*) is (true|false)(?: \((.*)\))?, so the if side runs; the other sides are not recorded\. No derivative flows through a decision: the tape records only the path taken\.((?: A comparison with NaN is false\.)?)$/s,
    ([cond, t, v, nan]) =>
      `分支：${cond} ${truth(t!)}${values(v)}，所以执行 if 这一侧；其他分支不被记录。导数不会流过判断：计算带只记录实际走过的路径。${nan ? '与 NaN 的比较结果总是 false。' : ''}`,
  ],
  [
    /^Branch: (.*) is (true|false)(?: \((.*)\))?, so the next condition is tested\.((?: A comparison with NaN is false\.)?)$/s,
    ([cond, t, v, nan]) =>
      `分支：${cond} ${truth(t!)}${values(v)}，所以接着检查下一个条件。${nan ? '与 NaN 的比较结果总是 false。' : ''}`,
  ],
  [
    /^Branch: (.*) is (true|false)(?: \((.*)\))?, so the else side runs; the if side is not recorded\. No derivative flows through a decision: the tape records only the path taken\.((?: A comparison with NaN is false\.)?)$/s,
    ([cond, t, v, nan]) =>
      `分支：${cond} ${truth(t!)}${values(v)}，所以执行 else 这一侧；if 这一侧不被记录。导数不会流过判断：计算带只记录实际走过的路径。${nan ? '与 NaN 的比较结果总是 false。' : ''}`,
  ],
  [
    /^Branch: (.*) is (true|false)(?: \((.*)\))?, so the if's body is skipped\. No derivative flows through a decision: the tape records only the path taken\.((?: A comparison with NaN is false\.)?)$/s,
    ([cond, t, v, nan]) =>
      `分支：${cond} ${truth(t!)}${values(v)}，所以跳过 if 的主体。导数不会流过判断：计算带只记录实际走过的路径。${nan ? '与 NaN 的比较结果总是 false。' : ''}`,
  ],
  [
    /^Loop: (.*) holds(?: \((.*)\))?, so iteration (\d+) runs; the tape records its operations again \(the loop is unrolled\)\.$/s,
    ([cond, v, k]) =>
      `循环：${cond} 成立${values(v)}，所以执行第 ${k} 次迭代；计算带把这次迭代的运算再记录一遍（循环被展开）。`,
  ],
  [
    /^Loop test: (.*) is (true|false)(?: \((.*)\))?, so iteration (\d+) runs; the tape records its operations again \(the loop is unrolled\)\.((?: A comparison with NaN is false\.)?)$/s,
    ([cond, t, v, k, nan]) =>
      `循环判断：${cond} ${truth(t!)}${values(v)}，所以执行第 ${k} 次迭代；计算带把这次迭代的运算再记录一遍（循环被展开）。${nan ? '与 NaN 的比较结果总是 false。' : ''}`,
  ],
  [
    /^Loop test: (.*) is (true|false)(?: \((.*)\))?, so the (for|while) loop ends after (\d+) iterations?\.((?: A comparison with NaN is false\.)?)$/s,
    ([cond, t, v, kind, k, nan]) =>
      `循环判断：${cond} ${truth(t!)}${values(v)}，所以 ${kind} 循环在 ${k} 次迭代后结束。${nan ? '与 NaN 的比较结果总是 false。' : ''}`,
  ],
  // Labels of a program's frames in the graph (program.ts groups): `i = 2` and `if …` stay as written.
  [/^iteration (\d+)$/, '第 $1 次迭代'],
  // Captions of dual numbers and forward mode (dual.ts)
  [/^Seed as a dual number: (.*)\.$/s, '以对偶数作种子：$1。'],
  [/^Dual numbers: (.*)\.$/s, '对偶数运算：$1。'],
  [/^(\S+) and (\S+) in one step, as the dual number (.*)\.$/s, '$1 与 $2 在同一步中算出，即对偶数 $3。'],
  [/^(\S+) and (\S+) in one step: (.*)\.$/s, '$1 与 $2 在同一步中算出：$3。'],

  // The Jacobian panel's verdict (jacobian.ts)
  [
    new RegExp(
      `^Neither mode is cheaper here: ${SHAPE}, so both need (\\d+) sweeps? of (\\d+) operations \\((\\d+) in all\\)\\.$`,
    ),
    ([n, m, k, ops, all]) =>
      `这里两种模式的开销相同：${shape(n!, m!)}，所以两者都需要 ${k} 次扫描，每次 ${ops} 个运算（共 ${all} 个）。`,
  ],
  [
    new RegExp(
      `^Both modes need (\\d+) sweeps? here \\(${SHAPE}\\); (forward|reverse) sweeps are a little cheaper on this graph \\((\\d+) against (\\d+) operations\\)\\.$`,
    ),
    ([k, n, m, mode, a, b]) =>
      `这里两种模式都需要 ${k} 次扫描（${shape(n!, m!)}）；在这个计算图上${MODE[mode!]}扫描稍微便宜一些（${totals(a!, b!)}）。`,
  ],
  [
    new RegExp(
      `^Neither mode is cheaper here: ${SHAPE}, and (\\d+) forward sweeps? cost as much as (\\d+) reverse sweeps? \\((\\d+) operations each way\\)\\.$`,
    ),
    ([n, m, f, r, ops]) =>
      `这里两种模式的开销相同：${shape(n!, m!)}，${f} 次前向扫描与 ${r} 次反向扫描的开销一样（各 ${ops} 个运算）。`,
  ],
  [
    new RegExp(
      `^Reverse mode is cheaper: ${SHAPE}, so (?:(one reverse sweep gives the whole gradient)|(\\d+) reverse sweeps \\(one per output\\) give the whole Jacobian), where forward mode needs (\\d+) sweeps?, one per input \\((\\d+) against (\\d+) operations\\)\\.$`,
    ),
    ([n, m, one, r, k, a, b]) =>
      `反向模式更省：${shape(n!, m!)}，所以${one ? '一次反向扫描就能得到整个梯度' : `${r} 次反向扫描（每个输出一次）就能得到整个雅可比矩阵`}，而前向模式需要 ${k} 次扫描，每个输入一次（${totals(a!, b!)}）。`,
  ],
  [
    new RegExp(
      `^Forward mode is cheaper: ${SHAPE}, so (?:(one forward sweep gives every output’s derivative)|(\\d+) forward sweeps \\(one per input\\) give the whole Jacobian), where reverse mode needs (\\d+) sweeps?, one per output \\((\\d+) against (\\d+) operations\\)\\.$`,
    ),
    ([n, m, one, f, k, a, b]) =>
      `前向模式更省：${shape(n!, m!)}，所以${one ? '一次前向扫描就能得到所有输出的导数' : `${f} 次前向扫描（每个输入一次）就能得到整个雅可比矩阵`}，而反向模式需要 ${k} 次扫描，每个输出一次（${totals(a!, b!)}）。`,
  ],

  // Quiz feedback (quiz.ts)
  [
    /^Type a number such as 0\.693, -2 or 1e-3 \(or NaN, ∞, −∞\)\.$/,
    '请输入一个数，例如 0.693、-2 或 1e-3（也可以是 NaN、∞、−∞）。',
  ],
  [
    /^the seed of the reverse sweep: the output’s adjoint starts at its seed$/,
    '反向扫描的种子：输出的伴随值从它的种子开始',
  ],
  [
    /^the reverse sweep: add to what it already holds the adjoint of (\S+) times the partial (\S+)$/,
    '反向扫描：把 $1 的伴随值乘以偏导数 $2，累加到已有的值上',
  ],
  [/^the reverse sweep: the adjoint of (\S+) times the partial (\S+)$/, '反向扫描：$1 的伴随值乘以偏导数 $2'],
  [/^the input's value$/, '输入的值'],
  [
    /^the condition, evaluated on the values so far \(a decision: 1 if it holds, else 0\)$/,
    '用目前已算出的值计算条件（这是一个判断：成立为 1，否则为 0）',
  ],
  [
    /^the seed: 1 for the input we differentiate by, 0 for the others$/,
    '种子：要对其求导的输入取 1，其余输入取 0',
  ],
  [
    /^evaluating (the [a-z0-9 -]+? of) its arguments$/,
    ([words]) => (NOUN[words!] ? `计算其参数的${NOUN[words!]}` : null),
  ],
  [/^(the [a-z ]+ rule|the rule for a sign change)$/, ([r]) => DERIVATIVE_RULE[r!] ?? null],
  [
    /^the chain rule: (\w+)′ of the argument times the argument’s tangent$/,
    '链式法则：$1′（在参数处的值）乘以参数的切线值',
  ],

  // Link notices (urlCodec.ts)
  [
    /^This link is damaged: (.*)\. Showing the default example\.$/s,
    ([why]) => {
      const row = DAMAGED.find(([re]) => re.test(why!));
      return row ? `此链接已损坏：${why!.replace(row[0], row[1])}。现在显示默认示例。` : null;
    },
  ],
  [
    /^This link is too large \(([\d,]+) characters; the limit is ([\d,]+)\)\. Showing the default example\.$/,
    '此链接过大（$1 个字符；上限为 $2）。现在显示默认示例。',
  ],
  [
    /^The expression in this link is too long \(([\d,]+) characters; the limit is ([\d,]+)\)\. Showing the default example\.$/,
    '此链接中的表达式过长（$1 个字符；上限为 $2）。现在显示默认示例。',
  ],
  [
    /^This link is from a newer version of Wengert \(link format (.*); this page reads format (\d+)\)\. Showing the default example\.$/s,
    '此链接来自更新版本的 Wengert（链接格式 $1；本页只能读取格式 $2）。现在显示默认示例。',
  ],
  [/^Ignored unknown link keys: (.*)\.$/s, ([keys]) => `已忽略未知的链接参数：${list(keys!)}。`],
  [
    /^Ignored repeated link keys: (.*) \(the first one counts\)\.$/s,
    ([keys]) => `已忽略重复的链接参数：${list(keys!)}（以第一个为准）。`,
  ],
  [
    /^Ignored input values that are not name:value: (.*)\.$/s,
    ([entries]) => `已忽略不是“名字:值”形式的输入值：${list(entries!)}。`,
  ],
  [
    /^Ignored repeated values for (.*): the first one counts\.$/s,
    ([names]) => `已忽略 ${list(names!)} 的重复取值：以第一个为准。`,
  ],
  [
    /^Ignored values for (.*): the expression has no such input\.$/s,
    ([names]) => `已忽略 ${list(names!)} 的取值：表达式中没有这个输入。`,
  ],
  [/^The step (.*) is negative; showing step (\d+)\.$/s, '步数 $1 是负数；显示第 $2 步。'],
  [
    /^The step (.*) is past the limit of ([\d,]+); showing step (\d+)\.$/s,
    '步数 $1 超过了上限 $2；显示第 $3 步。',
  ],
  [/^The step (.*) is not a whole number; showing step (\d+)\.$/s, '步数 $1 不是整数；显示第 $2 步。'],
  [
    /^The step (.*) is past the limit of ([\d,]+); showing the last step\.$/s,
    '步数 $1 超过了上限 $2；显示最后一步。',
  ],
  [/^The step (.*) is not a whole number; showing the last step\.$/s, '步数 $1 不是整数；显示最后一步。'],
  [
    /^The link is not updated: the expression is ([\d,]+) characters long, over the ([\d,]+) a link may carry\. The address bar keeps the last link that fitted\.$/,
    '链接没有更新：表达式有 $1 个字符，超过了链接能容纳的 $2 个。地址栏保留最后一个能容纳的链接。',
  ],
  [
    /^The link is not updated: it would be longer than the ([\d,]+) characters a link may have\. The address bar keeps the last link that fitted\.$/,
    '链接没有更新：它会超过链接允许的 $1 个字符。地址栏保留最后一个能容纳的链接。',
  ],
  [/^Ignored the step (.*): not a whole number\.$/s, '已忽略步数 $1：它不是整数。'],
  [/^Ignored (\w+)=(.*): expected 0 or 1\.$/s, '已忽略 $1=$2：取值应为 0 或 1。'],
  [
    /^Ignored (\w+)=(.*): the (panel|timeline|language) is one of (.*)\.$/s,
    ([key, text, what, choices]) =>
      `已忽略 ${key}=${text}：${LINK_THING[what!]}只能是 ${choices!
        .split(', ')
        .map((c) => `"${c}"`)
        .join('、')} 之一。`,
  ],
  [
    /^Ignored h=(.*): not a number \(h is written as log10 h, e\.g\. -5\)\.$/s,
    '已忽略 h=$1：它不是数（h 以 log10 h 的形式写出，例如 -5）。',
  ],
  [
    /^The step h=(.*) is outside (\S+) … (\S+) \(log10 h\); showing (\S+)\.$/s,
    '步长 h=$1 超出了 $2 … $3（log10 h）的范围；显示 $4。',
  ],
  [
    /^Ignored the (tangent seed|adjoint seed|finite-difference input) (.*): not a name\.$/s,
    ([what, text]) => `已忽略${LINK_THING[what!]} ${text}：它不是合法的名字。`,
  ],
  [
    /^Ignored the (direction vector|cotangent vector) (.*): expected up to (\d+) numbers separated by commas\.$/s,
    ([what, text, k]) => `已忽略${LINK_THING[what!]} ${text}：应为最多 ${k} 个用逗号分隔的数。`,
  ],
  [
    /^Ignored the (direction vector|cotangent vector) (.*): a number is too large\.$/s,
    ([what, text]) => `已忽略${LINK_THING[what!]} ${text}：其中有数值过大。`,
  ],
  [
    /^Ignored the (finite-difference input|tangent seed) (.*): the expression has no such input\.$/s,
    ([what, text]) => `已忽略${LINK_THING[what!]} ${text}：表达式中没有这个输入。`,
  ],
  [
    /^Ignored the adjoint seed (.*): the expression has no such output\.$/s,
    '已忽略伴随种子 $1：表达式中没有这个输出。',
  ],
  [
    /^Ignored the direction vector: it has (\d+) entries, the expression (\d+) inputs\.$/,
    '已忽略方向向量：它有 $1 项，而表达式有 $2 个输入。',
  ],
  [
    /^Ignored the cotangent vector: it has (\d+) entries, the expression (\d+) outputs\.$/,
    '已忽略余切向量：它有 $1 项，而表达式有 $2 个输出。',
  ],
  // Training (src/core/train.ts) and its link keys
  [
    /^Ignored the parameters (.*): expected up to (\d+) input names separated by commas\.$/s,
    '已忽略参数 $1：应为最多 $2 个用逗号分隔的输入名。',
  ],
  [
    /^Ignored the parameters (.*): the expression has no such input\.$/s,
    ([names]) => `已忽略参数 ${list(names!)}：表达式中没有这个输入。`,
  ],
  [/^Ignored the learning rate: it is too long\.$/, '已忽略学习率：它太长了。'],
  [
    /^Ignored the training data: ([\d,]+) characters, over the ([\d,]+) a table may have\.$/,
    '已忽略训练数据：它有 $1 个字符，超过了数据表允许的 $2 个。',
  ],
  [
    /^Ignored steps=(.*): the steps of a run are a whole number from 0 to ([\d,]+)\.$/s,
    '已忽略 steps=$1：一次运行的步数应为 0 到 $2 之间的整数。',
  ],
  [
    /^Ignored the training run in this link: its start or its steps are missing\.$/,
    '已忽略链接中的训练过程：缺少它的起点或步数。',
  ],
  [
    /^The expression in this link has a \+ not written as %2B: a link reads a bare \+ as a space\. Write %2B for \+; the links this page makes always do\.$/,
    '这个链接里的表达式有未写成 %2B 的 +：链接会把单独的 + 读成空格。请把 + 写成 %2B；本页生成的链接总是这样写。',
  ],
  [
    /^Ignored the training run in this link: steps=(".*") is not a whole number from 0 to ([\d,]+)\.$/s,
    '已忽略链接中的训练过程：steps=$1 不是 0 到 $2 之间的整数。',
  ],
  [
    /^Ignored the training run in this link: its start for (".*") is (".*"), not a number\.$/s,
    '已忽略链接中的训练过程：$1 的起点是 $2，不是一个数。',
  ],
  [
    /^The link is not updated: with the training data \(([\d,]+) characters\) it would be longer than the ([\d,]+) characters a link may have\. Save the data as a CSV file from the Train panel to share it\. The address bar keeps the last link that fitted\.$/,
    '链接没有更新：加上训练数据（$1 个字符）后，它会超过链接允许的 $2 个字符。请在“训练”面板中把数据保存为 CSV 文件来分享。地址栏保留最后一个能容纳的链接。',
  ],
  [
    /^At step (\d+) the parameter (\w+) is (\S+): the steps overshoot and grow \(η = (\S+) is too large for this loss\)\.$/,
    '第 $1 步时参数 $2 为 $3：每一步都越过了头，而且越跳越远（对这个损失来说，η = $4 太大了）。',
  ],
  [
    /^At step (\d+) the parameter (\w+) is (\S+): at step (\d+) the gradient ∂L\/∂(\w+) is (\S+) \(the loss has no finite slope there\), so the step w ← w − η ∂L\/∂w is not finite\.$/,
    '第 $1 步时参数 $2 为 $3：第 $4 步时梯度 ∂L/∂$5 为 $6（损失在那里没有有限的斜率），所以 w ← w − η ∂L/∂w 这一步的结果不是有限值。',
  ],
  [
    /^At step (\d+) the loss is (\S+): the first value that is not finite is (\S+) = (.+?) = (NaN|-?Infinity)(?: \((.+?)\))?(?: in data row (\d+))?\.(?: The step from step (\d+) took the parameters there \(η = (\S+) may be too large for this loss\)\.)?$/s,
    ([j, L, id, call, value, note, row, from, rate]) =>
      `第 ${j} 步时损失为 ${L}：第一个不是有限值的是 ${id} = ${call} = ${value}` +
      (note ? `（${messageZh(note) ?? note}）` : '') +
      (row ? `，出现在数据第 ${row} 行` : '') +
      '。' +
      (from ? `从第 ${from} 步出发的那一步把参数带到了这里（对这个损失来说，η = ${rate} 可能太大了）。` : ''),
  ],
  [
    /^At step (\d+) the loss is NaN: the steps overshot until a value was undefined \(such as 0 × ln 0 or ∞ − ∞\) \(η = (\S+) is too large for this loss\)\.$/,
    '第 $1 步时损失为 NaN：每一步都越过了头，直到某个值变得没有定义（例如 0 × ln 0 或 ∞ − ∞）（对这个损失来说，η = $2 太大了）。',
  ],
  [
    /^At step (\d+) the loss is (\S+): the steps overshot until the loss overflowed the range of doubles \(η = (\S+) is too large for this loss\)\.$/,
    '第 $1 步时损失为 $2：每一步都越过了头，直到损失超出了双精度数的范围（对这个损失来说，η = $3 太大了）。',
  ],
  [
    /^At step (\d+) the loss is (\S+), more than ([\d,]+) times its start (\S+): each step overshoots the minimum by more than the last \(η = (\S+) is too large\)\.$/,
    '第 $1 步时损失为 $2，超过了起始值 $4 的 $3 倍：每一步越过最小值的距离都比上一步更远（η = $5 太大了）。',
  ],
  [
    /^Converged at step (\d+): every \|∂L\/∂w\| is below (\S+)\.$/,
    '在第 $1 步收敛：每个 |∂L/∂w| 都小于 $2。',
  ],
  [
    /^Stopped after (\d+) steps: ([\d,]+) rows × ([\d,]+) evaluations is as much work as one run may do here\.$/,
    '运行 $1 步后停止：$2 行 × $3 次求值，已达到这里一次运行允许的计算量。',
  ],
  [
    /^At step (\d+) the program could not run: (.*)$/s,
    ([j, inner]) => `第 ${j} 步时程序无法运行：${messageZh(inner!) ?? inner}`,
  ],
  [/^The data is too long: ([\d,]+) characters \(limit ([\d,]+)\)$/, '数据太长：$1 个字符（上限 $2）'],
  [/^A column of the header has no name$/, '表头中有一列没有名字'],
  [
    /^The first line must name the columns \(data inputs\), not give numbers: found (.*)$/s,
    '第一行必须写出各列的名字（数据输入），而不是数值：这里是 $1',
  ],
  [
    /^(".*") is not a name: a column is named by a data input, like x or t$/s,
    '$1 不是名字：每一列要用一个数据输入来命名，例如 x 或 t',
  ],
  [
    /^(\w+) is a parameter; a column gives the values of a data input \(untick (\w+)\)$/,
    '$1 是参数；数据列给出的是数据输入的值（请取消勾选 $2）',
  ],
  [/^The expression has no input (\w+); data inputs are (.*)$/s, '表达式中没有输入 $1；数据输入有 $2'],
  [/^The expression has no input (\w+)$/, '表达式中没有输入 $1'],
  [/^The column (\w+) is given twice$/, '列 $1 出现了两次'],
  [/^Too many rows: the limit is ([\d,]+)$/, '行数太多：上限是 $1'],
  [/^This row has (\d+) values?; the header names (\d+) columns?$/, '这一行有 $1 个值；表头有 $2 列'],
  [/^The header is there but no row of values follows it$/, '只有表头，后面没有数值行'],
];

/** The Chinese of one English message from the core or the codec, or null if no row matches it. */
export function messageZh(english: string): string | null {
  for (const [re, to] of MESSAGES_ZH) {
    const m = re.exec(english);
    if (!m) continue;
    const groups = m.slice(1).map((g) => g ?? '');
    const out =
      typeof to === 'string'
        ? to.replace(/\$(\d)/g, (_, i: string) => groups[Number(i) - 1] ?? '')
        : to(groups);
    if (out !== null) return out;
  }
  return null;
}

/** The words of every rule (`rule.words`, `rule.derivativeRule`) this table knows, for the tests. */
export const KNOWN_RULE_WORDS = {
  apply: Object.keys(APPLY),
  noun: Object.keys(NOUN),
  derivative: Object.keys(DERIVATIVE_RULE),
};
