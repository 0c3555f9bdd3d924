/**
 * The examples' titles and lessons in Chinese, keyed by the English title in `src/ui/examples.ts`
 * (tests/ui/i18n.test.ts checks that every example has one). Expressions and values are not
 * translated: they are the same in every language.
 */

export const EXAMPLES_ZH: Readonly<Record<string, { readonly title: string; readonly lesson: string }>> = {
  'Baydin et al. (2018), Tables 2–3': {
    title: 'Baydin 等（2018），表 2–3',
    lesson: '综述中贯穿始终的例子：x1 被用了两次，所以它的伴随值要累加两份贡献。',
  },
  'Griewank & Walther': {
    title: 'Griewank 与 Walther',
    lesson: '共享子表达式：x1/x2 和 exp(x2) 只计算一次，之后重复使用。',
  },
  'Sigmoid neuron (CS231n)': {
    title: 'Sigmoid 神经元（CS231n）',
    lesson: '一次反向扫描就能得到全部五个偏导数；前向模式需要五次扫描。',
  },
  'max gate (CS231n)': {
    title: 'max 门（CS231n）',
    lesson: 'max 把全部梯度传给较大的那个参数，另一个参数得到 0。',
  },
  Rosenbrock: {
    title: 'Rosenbrock 函数',
    lesson: '经典的优化测试函数：在最小值点 (1, 1) 处梯度为零。',
  },
  'Three inputs, three outputs': {
    title: '三个输入，三个输出',
    lesson: '从 R³ 到 R³ 的映射：三次前向扫描逐列填出雅可比矩阵，三次反向扫描逐行填出——得到的是同一个矩阵。',
  },
  'Babylonian square root (while)': {
    title: '巴比伦平方根（while）',
    lesson: 'AD 求导的是算法，而不是公式：循环一直运行到 r² = a，它返回值的梯度是 1/(2√a)，正是 √a 的导数。',
  },
  'Repeated squaring (for)': {
    title: '重复平方（for）',
    lesson: '循环在磁带上被展开：每次迭代增加一个节点，反向传播每次迭代乘一次 2y，得到 d(x⁸)/dx = 8x⁷。',
  },
  'Piecewise function (if)': {
    title: '分段函数（if）',
    lesson:
      '磁带上只有实际执行的分支，所以 AD 给出该分支的斜率；跨越 x = 0 的差商会混合两边（打开有限差分面板，把 x 移近 0）。',
  },
  'Logistic map unrolled (for)': {
    title: '用 for 展开的 logistic 映射',
    lesson: '把“表达式膨胀”的例子写成循环：磁带仍是同一条直线运算序列，图中每次迭代各有一个框。',
  },
  'Newton’s method for a cube root': {
    title: '牛顿法求立方根',
    lesson:
      '对 z³ = a 做四步牛顿迭代 z ← (2z + a/z²)/3，收敛到 ∛a；对这些步骤求导得到 1/(3z²)，即 ∛a 的导数，无需手工推导。',
  },
  'Expression swell (logistic map)': {
    title: '表达式膨胀（logistic 映射）',
    lesson:
      'l(n+1) = 4 l(n) (1 − l(n))：每迭代一步，Wengert 列表只增加三个运算，符号导数却成倍增长（Baydin 等，第 2 节）。',
  },
  'Logistic-regression loss': {
    title: '逻辑回归的损失函数',
    lesson: '单个样本的交叉熵：sigmoid 只计算一次、用了两次，一次反向扫描就得到全部六个输入的梯度。',
  },
  'A 2-2-1 tanh network': {
    title: '2-2-1 tanh 神经网络',
    lesson: '反向传播就是反向模式：从输出往回扫描一次，就同时得到每个权重和输入的梯度。',
  },
  'Training: linear regression': {
    title: '训练：线性回归',
    lesson:
      '用直线 w·x + b 拟合五个点：损失是各行平方误差的平均值，形如一只碗，所以取较小的 η 时，梯度下降会平稳地滑向唯一的最小值。',
  },
  'Training: logistic regression': {
    title: '训练：逻辑回归',
    lesson:
      '上面的交叉熵损失，对十二个相互重叠的带标签点取平均：损失是凸的，会下降到一个大于零的最小值——没有哪条直线能把两类分得更好。',
  },
  'Training: a tanh network learns XOR': {
    title: '训练：tanh 网络学习异或（XOR）',
    lesson:
      '在异或的四个点上训练 2-2-1 网络：没有一条直线能把它们分开，两个隐藏单元却可以。每一步对每一行做一次反向扫描；经过一段平台期后，损失在 100 步之内降向 0。',
  },
  'Training: the Rosenbrock valley': {
    title: '训练：Rosenbrock 山谷',
    lesson:
      '用较小的 η 对 Rosenbrock 函数做梯度下降：它一下子就落进弯曲的山谷，然后沿着谷底向 (1, 1) 缓慢爬行数千步。试试 η = 0.01：它会发散。',
  },
  'Two outputs': {
    title: '两个输出',
    lesson: '从 R² 到 R² 的映射：选择伴随种子，就能得到雅可比矩阵的任意一行。',
  },
};
