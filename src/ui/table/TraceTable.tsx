import {
  lazy,
  memo,
  Suspense,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  type CSSProperties,
  type ReactElement,
} from 'react';
import {
  firstNonFiniteSteps,
  STRONG_ZERO,
  STRONG_ZERO_ADJOINT,
  STRONG_ZERO_TANGENT,
  type Tape,
  type Trace,
  type TraceStep,
} from '../../core/index';
import { translate, translateMessage, useT, type Lang, type MessageKey } from '../../i18n/index';
import { DualLegend } from '../teach/DualLegend';
import { useQuizPending } from '../quiz/quizMode';
import { RowTex, Tex } from '../Tex';
import { useStore } from '../../state/store';
import { NARROW, PRESENT_MIN_TEXT_PX, PRESENT_NARROW_MIN_TEXT_PX, useFitRows, WRAP } from './useFitRows';
import { useMediaQuery, useTableWindow, type ListName } from './useTableWindow';
import { COMPACT_ROW_MIN_PX, ROW_MIN_PX, VIRTUALIZE_ABOVE, type Piece } from './virtual';

// The question of quiz mode loads with the first one asked; meanwhile the row shows its formula only.
const QuizPrompt = lazy(() => import('../quiz/QuizPrompt').then((m) => ({ default: m.QuizPrompt })));

interface Props {
  tape: Tape;
  trace: Trace;
  step: number;
  hovered: number | null;
  onHover: (index: number | null) => void;
  onJump: (step: number) => void;
}

interface RowProps {
  s: TraceStep;
  position: number;
  reached: boolean;
  current: boolean;
  hovered: boolean;
  marked: string | null;
  onHover: (index: number | null) => void;
  onJump: (step: number) => void;
  /** Quiz mode: this row asks for its value (the tape names the rule in the feedback). */
  ask: Tape | null;
  /** The compact table's type scale for a formula that would not fit on one line (WRAP: too long). */
  fit: number | undefined;
  /** How briefly the compact table writes the row once reached (`Brevity`). */
  brief: Brevity;
  /**
   * Rendered ahead of a step that goes there (useTableWindow's `next`): laid out ahead too. A row
   * out of view is otherwise skipped (`content-visibility: auto`), and the key press that scrolled
   * it into view styled and laid out its typeset math: 50 ms of the first step into the tangent
   * sweep of a 2,000-node link, beside the first primal row 2,000 rows up.
   */
  ahead?: boolean;
}

/**
 * How a reached row is written in the compact table (presentation, embed, phone): 0 whole; 1 without
 * its symbolic middle, `s.short` (its caption says it in words; presenting, the row shown large
 * under the graph has it); 2, presenting, where even that is too long for the floor of legible
 * type, its left-hand side and its value only, `\\bar v_{6} = \\ldots = 2.93 \\times 10^{-21}`. A
 * program's decision, presenting, has one brief form, its verdict: `[\\ldots] = \\mathrm{true}
 * \\;\\Rightarrow\\; \\mathrm{loop}\\ 2`.
 */
export type Brevity = 0 | 1 | 2;

/** A row's brevity, and the fitting (TraceTable's map of scales) that set it. */
interface BriefRow {
  brief: Brevity;
  seen: ReadonlyMap<number, number>;
}

/** Above this many characters of TeX a reached row is written briefly in presentation's table. */
const BRIEF_ABOVE = 160;

/** A formula's left-hand side (`\\bar v_{4}` of `\\bar v_{4} = \\bar v_{5} \\times 1`): a brief row begins with it. */
function leftSide(formula: string): string {
  const end = formula.indexOf(' = ');
  return end < 0 ? formula : formula.slice(0, end);
}

/** Whether a brief row (`lhs = numbers = value`) has numbers to leave out before its value. */
const hasNumbers = (short: string): boolean => short.indexOf(' = ') !== short.lastIndexOf(' = ');

/** The last link of a row's chain: its value, or a decision's verdict (`\\mathrm{true} \\;\\Rightarrow\\; …`). */
const lastLink = (tex: string): string => tex.slice(tex.lastIndexOf(' = ') + 3);

/** A decision written briefly begins with this, its condition left out. */
const SOME_CONDITION = '[\\ldots]';

/**
 * What a row shows (RowTex's `head` and `tex`): its formula until reached, then itself as briefly as
 * `brief` says. The briefest form is the brief one with its numbers left out, `lhs = \\ldots = value`.
 */
export function rowText(s: TraceStep, reached: boolean, brief: Brevity): { head: string; tex: string } {
  if (!reached) return { head: s.formula, tex: s.formula };
  if (brief === 0) return { head: s.formula, tex: s.tex };
  if (s.decision) return { head: SOME_CONDITION, tex: `${SOME_CONDITION} = ${lastLink(s.tex)}` };
  if (!s.short) return { head: s.formula, tex: s.tex };
  const head = leftSide(s.formula);
  if (brief === 1 || !hasNumbers(s.short)) return { head, tex: s.short };
  return { head, tex: `${head} = \\ldots = ${lastLink(s.short)}` };
}

/**
 * One trace row. Its attributes are the page's contract (CONTRACTS §5): `data-kind`, `data-target`,
 * `data-from`, and `data-value` only once the timeline has reached it; a row not yet reached shows
 * its formula greyed, without numbers.
 */
const Row = memo(function Row({
  s,
  position,
  reached,
  current,
  hovered,
  marked,
  onHover,
  onJump,
  ask,
  fit,
  brief,
  ahead = false,
}: RowProps) {
  const t = useT();
  return (
    <li
      className={`row row-${s.decision ? 'decision' : s.phase}${reached ? ' reached' : ''}${current ? ' current' : ''}${hovered ? ' hovered' : ''}${s.accumulate ? ' accumulate' : ''}${marked ? ' marked' : ''}${fit === WRAP ? ' wraps' : ''}${ahead ? ' ahead' : ''}`}
      // A program's decision is a row of the primal sweep that assigns no node (CONTRACTS §5 keeps
      // primal, tangent and adjoint for the rows that do): it says which side ran.
      data-kind={s.decision ? 'decision' : s.phase}
      data-target={s.decision ? undefined : s.targetId}
      data-from={s.fromId ?? undefined}
      data-value={reached ? String(s.value) : undefined}
      data-side={s.decision?.side}
      data-step={position}
      aria-current={current ? 'step' : undefined}
      onClick={() => onJump(position)}
      onMouseEnter={() => onHover(s.decision ? null : s.target)}
      onMouseLeave={() => onHover(null)}
      title={marked && reached ? marked : undefined}
      style={fit === undefined || fit === WRAP ? undefined : ({ '--fit': fit } as CSSProperties)}
    >
      <span className="row-step" aria-hidden="true">
        {position}
      </span>
      {ask ? (
        <Suspense
          fallback={
            <div className="quiz">
              <Tex className="row-tex" tex={s.formula} />
            </div>
          }
        >
          <QuizPrompt tape={ask} s={s} />
        </Suspense>
      ) : (
        <RowTex {...rowText(s, reached, brief)} />
      )}
      {s.accumulate && (
        <span className="row-badge" title={t('table.accumulates')}>
          +=
        </span>
      )}
      {marked && reached && <span className="row-note">{marked}</span>}
    </li>
  );
});

const FIRST_NON_FINITE: Readonly<Record<TraceStep['phase'], MessageKey>> = {
  primal: 'table.firstPrimal',
  tangent: 'table.firstTangent',
  adjoint: 'table.firstAdjoint',
};

/**
 * What to say beside each row (by step index): a node's note on its primal row (a convention, a
 * domain error, an overflow); a convention again where it is used, on the tangent row of its node and
 * on the adjoint rows its partial flows through; and "first non-finite …" on the first row of each
 * phase whose value is NaN or infinite (DESIGN.md, "Numbers and conventions").
 */
export function rowMarks(trace: Trace, lang: Lang = 'en'): Map<number, string> {
  const parts = new Map<number, string[]>();
  const add = (i: number, text: string) => {
    const list = parts.get(i) ?? [];
    if (!list.includes(text)) list.push(text);
    parts.set(i, list);
  };
  const first = firstNonFiniteSteps(trace.steps);
  for (const phase of ['primal', 'tangent', 'adjoint'] as const) {
    const i = first[phase];
    if (i !== null) add(i, translate(lang, FIRST_NON_FINITE[phase]));
  }
  const noted = new Set<number>();
  // The adjoint rows each node pushes, gathered once (a trace with many notes read every step per note).
  let pushes: Map<number, number[]> | undefined;
  const pushedFrom = (index: number, f: (i: number) => void) => {
    if (!pushes) {
      pushes = new Map();
      trace.steps.forEach((s, i) => {
        if (s.phase !== 'adjoint' || s.from === null) return;
        const list = pushes!.get(s.from);
        if (list) list.push(i);
        else pushes!.set(s.from, [i]);
      });
    }
    pushes.get(index)?.forEach(f);
  };
  for (const n of trace.notes) {
    if (noted.has(n.index)) continue;
    noted.add(n.index);
    const message = translateMessage(lang, n.message);
    add(trace.nodeSteps.primal[n.index]!, message);
    if (n.kind === 'convention' && n.message !== STRONG_ZERO) {
      add(trace.nodeSteps.tangent[n.index]!, message);
      pushedFrom(n.index, (i) => add(i, message));
    } else if (n.strongZero) {
      // The strong zero alone, or joined to a note that is not a convention (an overflow): said on
      // the rows whose product it decided, `v̇2 = ∞ × 0 = 0` or `v̄0 = 0 × ∞ = 0`, and only there.
      const zero = translateMessage(lang, STRONG_ZERO);
      if (n.strongZero & STRONG_ZERO_TANGENT) add(trace.nodeSteps.tangent[n.index]!, zero);
      if (n.strongZero & STRONG_ZERO_ADJOINT) pushedFrom(n.index, (i) => add(i, zero));
    }
  }
  return new Map([...parts].map(([i, list]) => [i, list.join(' · ')]));
}

/**
 * The paper's layout: forward primal and forward tangent side by side (Table 2), the reverse adjoint
 * sweep below in execution order (Table 3 read bottom-up). The current row is highlighted and
 * scrolled into view; clicking a row jumps there.
 */
export const TraceTable = memo(function TraceTable({ tape, trace, step, hovered, onHover, onJump }: Props) {
  // Quiz mode: the current step waits for the student's answer, so its value is not shown.
  const pending = useQuizPending(step);
  const listRef = useRef<HTMLDivElement>(null);
  const narrow = useMediaQuery(NARROW);
  const framed = useStore((s) => s.present || s.embed);
  const present = useStore((s) => s.present);
  const compact = narrow || framed;
  // Presentation shows the current row large under the graph: the table beside it is context, one
  // line per row, in smaller type only down to what a projected screen still reads. A row that would
  // need smaller type is written without its symbolic middle (brevity, below) rather than shrunk:
  // shrunk to 7 px, a row was 11 px of text from the back of the room, which nobody reads.
  const fits = useFitRows(
    listRef,
    compact,
    present ? { minTextPx: narrow ? PRESENT_NARROW_MIN_TEXT_PX : PRESENT_MIN_TEXT_PX } : {},
  );
  // Whether the table follows the current row: from each step until the reader scrolls the panel.
  const following = useRef(true);
  const scrollToCurrent = useCallback(() => {
    // Scroll the table's own panel, never the page: on a phone the page must stay where it is.
    const el = listRef.current?.querySelector<HTMLElement>('[aria-current="step"]');
    const panel = el?.closest<HTMLElement>('.table-panel');
    if (!el || !panel) return;
    const r = el.getBoundingClientRect();
    const p = panel.getBoundingClientRect();
    const head =
      el.closest('.trace-section')?.querySelector('.trace-heads')?.getBoundingClientRect().height ?? 0;
    const delta =
      r.top < p.top + head ? r.top - p.top - head - 4 : r.bottom > p.bottom ? r.bottom - p.bottom + 8 : 0;
    // At once, never gliding: a glide of a few rows ran the page's frames for a third of a second
    // after each step (scroll events, the rows' visibility), and a key pressed meanwhile waited for
    // them (step → painted, issue 13). The row moves by a line; the highlight shows where it went.
    if (delta !== 0) panel.scrollTo?.({ top: panel.scrollTop + delta, behavior: 'auto' });
  }, []);
  useEffect(() => {
    // Again when rows change size (the compact table's fitting), so the current row stays whole.
    following.current = true;
    scrollToCurrent();
  }, [step, fits, scrollToCurrent]);
  // The reader scrolling the panel (wheel, touch, its scroll bar, keys in it) stops the following.
  useEffect(() => {
    const panel = listRef.current?.closest<HTMLElement>('.table-panel');
    if (!panel) return;
    const stop = () => (following.current = false);
    const kinds = ['wheel', 'touchstart', 'pointerdown', 'keydown'] as const;
    for (const kind of kinds) panel.addEventListener(kind, stop, { passive: true });
    return () => {
      for (const kind of kinds) panel.removeEventListener(kind, stop);
    };
  }, []);

  const t = useT();
  const marks = useMemo(() => rowMarks(trace, t.lang), [trace, t.lang]);
  // The compact table writes a reached row without its symbolic middle when it is very long, or once
  // it would have to wrap at the smallest type; presenting, a row whose brief form would still wrap
  // is written as its value alone, and a decision that would wrap as its verdict. Each row keeps its
  // brevity for as long as the trace is the same: the brief form fits, and going back to the full
  // one would only make it wrap again. A row goes one step briefer only on a fitting (a map of
  // `fits`) newer than the one that last set its brevity, so made after its present form was on the
  // page; and only once reached: before, the fitting measured its formula, not its numbers.
  const briefRows = useRef<{ trace: Trace | null; rows: Map<number, BriefRow> }>({
    trace: null,
    rows: new Map(),
  });
  if (briefRows.current.trace !== trace) briefRows.current = { trace, rows: new Map() };
  const briefest = (s: TraceStep): Brevity =>
    s.decision ? (present ? 1 : 0) : !s.short ? 0 : present ? 2 : 1;
  const brevity = (i: number, s: TraceStep, reached: boolean): Brevity => {
    const most = briefest(s);
    if (most === 0) return 0;
    const known = briefRows.current.rows.get(i);
    const brief = known?.brief ?? (s.short && s.tex.length > BRIEF_ABOVE ? 1 : 0);
    if (fits.get(i) !== WRAP || known?.seen === fits) return brief;
    const more = reached && brief < most && (brief === 0 || hasNumbers(s.short ?? ''));
    const next = more ? ((brief + 1) as Brevity) : brief;
    briefRows.current.rows.set(i, { brief: next, seen: fits });
    return next;
  };

  const row = (s: TraceStep, i: number, ahead = false) => {
    const marked = marks.get(i) ?? null;
    const reached = i < (pending ? step - 1 : step);
    return (
      <Row
        key={i}
        s={s}
        position={i + 1}
        reached={reached}
        current={i === step - 1}
        ask={pending && i === step - 1 ? tape : null}
        fit={fits.get(i)}
        brief={compact ? brevity(i, s, reached) : 0}
        hovered={!s.decision && hovered === s.target}
        marked={marked}
        onHover={onHover}
        onJump={onJump}
        ahead={ahead}
      />
    );
  };
  // Forward mode (dual.ts) has one step per node: v and v̇ together, in one column.
  const oneColumn = trace.mode === 'forward';
  const a0 = trace.phases.adjoint.start;
  // The primal sweep's rows: one per node, and a program's decisions among them.
  const primalRows = trace.phases.primal.end - trace.phases.primal.start;
  // A line is one grid row: a primal row beside its tangent row (a decision beside an empty cell), or
  // one row (forward mode, and the compact table of phones, presentation and embed, where each row
  // is one line of its own).
  const pairs = !oneColumn && !compact;
  const forwardLines = pairs ? primalRows : a0;
  const lineRows = (list: ListName, line: number): number[] => {
    if (list === 'adjoint') return [a0 + line];
    if (!pairs) return [line];
    const s = trace.steps[line]!;
    return s.decision ? [line, -1] : [line, trace.nodeSteps.tangent[s.target]!];
  };
  /** The line of steps[c]. */
  const lineOf = (c: number): { list: ListName; line: number } | null =>
    c < 0 || c >= trace.steps.length
      ? null
      : c >= a0
        ? { list: 'adjoint', line: c - a0 }
        : {
            list: 'forward',
            line: pairs && c >= primalRows ? trace.nodeSteps.primal[trace.steps[c]!.target]! : c,
          };
  const currentLine = lineOf(step - 1);
  const nextLine = lineOf(step);
  const forwardRef = useRef<HTMLOListElement>(null);
  const adjointRef = useRef<HTMLOListElement>(null);
  const lists = useMemo(() => ({ forward: forwardRef, adjoint: adjointRef }), []);
  // A long table's rows are typeset and measured after the step's paint, which can move the current
  // row away from where the spacers' estimates put it: it is put back in view once they settle.
  const onSettled = useCallback(() => {
    if (following.current) scrollToCurrent();
  }, [scrollToCurrent]);
  const windowed = useTableWindow({
    enabled: trace.steps.length > VIRTUALIZE_ABOVE,
    counts: { forward: forwardLines, adjoint: trace.steps.length - a0 },
    lists,
    firstStep: (list, line) => lineRows(list, line)[0]!,
    current: currentLine,
    next: nextLine,
    resetKey: pairs,
    minRowPx: compact ? COMPACT_ROW_MIN_PX : ROW_MIN_PX,
    onSettled,
  });
  const listItems = (list: ListName, parts: readonly Piece[]): ReactElement[] => {
    const out: ReactElement[] = [];
    parts.forEach((part, i) => {
      if ('space' in part) {
        // Stands in for the rows not rendered.
        out.push(
          <li
            key={`space-${i}`}
            className="row-spacer"
            aria-hidden="true"
            style={{ height: part.space, gridColumn: '1 / -1' }}
          />,
        );
        return;
      }
      for (let line = part.lines[0]; line < part.lines[1]; line++) {
        const ahead =
          windowed.ahead?.list === list && line >= windowed.ahead.lines[0] && line < windowed.ahead.lines[1];
        for (const i of lineRows(list, line)) {
          // One column: the tangent trace gets its heading where its rows begin.
          if (list === 'forward' && !pairs && !oneColumn && i === trace.phases.tangent.start)
            out.push(
              <li key="tangent-head" className="trace-subhead">
                {tangentHead}
              </li>,
            );
          // The tangent column has no row beside a decision: nothing is differentiated there.
          if (i < 0) out.push(<li key={`none-${line}`} className="row-none" aria-hidden="true" />);
          else out.push(row(trace.steps[i]!, i, ahead));
        }
      }
    });
    return out;
  };
  const seeded = tape.inputs[trace.xDot.findIndex((x) => x !== 0)]?.name;
  const out = tape.outputs[trace.yBar.findIndex((x) => x !== 0)]?.name;
  const tangentHead = (
    <h2 className="head-tangent">
      {t('table.tangentHead')}
      {seeded ? <span className="head-sub">{t('table.seedSub', { x: seeded })}</span> : null}
    </h2>
  );

  return (
    <div
      className={`trace-table${compact ? ' compact' : ''}`}
      ref={listRef}
      style={{ '--step-digits': String(trace.steps.length).length } as CSSProperties}
    >
      <div className="trace-section">
        {oneColumn ? (
          <div className="trace-heads single">
            <h2 className="head-tangent">
              {t('table.forwardModeHead')}
              {seeded ? <span className="head-sub">{t('table.seedSub', { x: seeded })}</span> : null}
            </h2>
          </div>
        ) : pairs ? (
          <div className="trace-heads">
            <h2 className="head-primal">{t('table.primalHead')}</h2>
            {tangentHead}
          </div>
        ) : (
          <div className="trace-heads single">
            <h2 className="head-primal">{t('table.primalHead')}</h2>
          </div>
        )}
        <DualLegend tape={tape} trace={trace} step={step} />
        <ol ref={forwardRef} className={`trace-forward${oneColumn ? ' one-column' : ''}`}>
          {listItems('forward', windowed.forward)}
        </ol>
      </div>
      <div className="trace-section">
        <div className="trace-heads single">
          <h2 className="head-adjoint">
            {t('table.adjointHead')}
            {out ? <span className="head-sub">{t('table.adjointSub', { y: out })}</span> : null}
          </h2>
        </div>
        <ol ref={adjointRef} className="trace-adjoint">
          {listItems('adjoint', windowed.adjoint)}
        </ol>
      </div>
    </div>
  );
});
