import { lazy, memo, Suspense, useCallback, useMemo, useState } from 'react';
import {
  exampleText,
  HTML_LANG,
  LANG_NAMES,
  LANGS,
  setLang,
  useDocumentLang,
  useT,
  type Lang,
} from '../i18n/index';
import type { CodeFormat, SourceWarning, Tape, Trace } from '../core/index';
import { fieldsOf } from '../state/derive';
import { useStore } from '../state/store';
import { MAX_LINK_LENGTH } from '../state/urlCodec';
import { newHistoryEntry, shareableLink, writeLinkNow } from '../state/urlSync';
import { Caption } from './Caption';
import { Timeline } from './controls/Timeline';
import { ExpressionEditor } from './editor/ExpressionEditor';
import { InputFields } from './editor/InputFields';
import { EXAMPLES, exampleState } from './examples';
import { ExportMenu } from './ExportMenu';
import { Gallery } from './Gallery';
import { Notices } from './Notices';
import { GraphView } from './graph/GraphView';
import { PanelBoundary } from './PanelBoundary';
import { ResultStrip } from './ResultStrip';
import { SidePanel } from './teach/SidePanel';
import { PresentButton, usePresentation, usePresentationKeys } from './modes';
import { QuizScoreBadge, QuizToggle, useQuizPending } from './quiz/quizMode';
import { SameInLinks } from './SameInLinks';
import { useModel } from './useModel';

// The code view and its styles load when a program is first asked for.
const CodeView = lazy(() => import('./CodeView').then((m) => ({ default: m.CodeView })));

/** A text without its spacing: two texts that differ only in spacing are the same example. */
const squeeze = (s: string): string => s.replace(/\s+/g, '');
let squeezedExamples: readonly string[] | undefined;

/**
 * The example a text is, if any: of two with the same text (a loss and its training example), the
 * training one on the Train panel and the other elsewhere. The text is squeezed once, not once per
 * example: a 500-operation text took 10 ms here, on every keystroke.
 */
function exampleIndex(text: string, view: string): number {
  const plain = squeeze(text);
  squeezedExamples ??= EXAMPLES.map((e) => squeeze(e.text));
  const same = squeezedExamples.flatMap((e, i) => (e === plain ? [i] : []));
  return same.find((i) => (EXAMPLES[i]!.train !== undefined) === (view === 'train')) ?? same[0] ?? -1;
}

function ExamplesMenu() {
  const t = useT();
  const load = useStore((s) => s.load);
  const text = useStore((s) => s.text);
  const view = useStore((s) => s.view);
  const selected = exampleIndex(text, view);
  return (
    <label className="examples">
      <span>{t('examples.label')}</span>
      <select
        aria-label={t('examples.aria')}
        value={selected < 0 ? '' : String(selected)}
        onChange={(e) => {
          const ex = EXAMPLES[Number(e.target.value)];
          const { view, dual, mode, h } = useStore.getState();
          if (!ex) return;
          // Back returns to the expression shown before, as after a gallery card (a link).
          newHistoryEntry();
          load(exampleState(ex, { view, dual, mode, h }));
        }}
      >
        {selected < 0 && <option value="">{t('examples.own')}</option>}
        {EXAMPLES.map((e, i) => (
          <option key={e.title} value={i} title={exampleText(t.lang, e).lesson}>
            {exampleText(t.lang, e).title}
          </option>
        ))}
      </select>
    </label>
  );
}

/** English / 中文: the choice goes into the link as `lang=`. */
function LanguageSwitch() {
  const t = useT();
  return (
    <select
      className="lang-switch"
      // Named in both languages, so that a reader of either finds it.
      aria-label={t.lang === 'en' ? 'Language' : `${t('lang.label')} (Language)`}
      title={t.lang === 'en' ? 'Language · 语言' : '语言 · Language'}
      value={t.lang}
      onChange={(e) => setLang(e.target.value as Lang)}
    >
      {LANGS.map((l) => (
        <option key={l} value={l} lang={HTML_LANG[l]}>
          {LANG_NAMES[l]}
        </option>
      ))}
    </select>
  );
}

function CopyLink() {
  const t = useT();
  const [state, setState] = useState<'idle' | 'copied' | 'failed' | 'tooLong'>('idle');
  const notify = useStore((s) => s.notify);
  const copy = async () => {
    const link = shareableLink();
    if (!link.ok) {
      // A link that long would not reopen: say so, and what to share instead.
      notify('copy', 'warning', t('copy.tooLongNotice', { limit: MAX_LINK_LENGTH.toLocaleString('en-US') }));
      setState('tooLong');
      setTimeout(() => setState('idle'), 2500);
      return;
    }
    const url = `${location.origin}${location.pathname}${location.search}#${link.fragment}`;
    try {
      await navigator.clipboard.writeText(url);
      setState('copied');
    } catch {
      // Without clipboard permission the link is in the address bar (written now, if a change
      // was still waiting for its pause); select it there.
      writeLinkNow();
      setState('failed');
    }
    setTimeout(() => setState('idle'), 2500);
  };
  // Both labels share one grid cell, so the button is as wide as the longer and the bar never
  // shifts; the failure says where the link is below the button, over the page.
  return (
    <span className="copy-wrap">
      <button type="button" className="copy-link" onClick={copy}>
        <span className="copy-label" aria-hidden={state === 'copied' || state === 'tooLong'}>
          {t('copy.idle')}
        </span>
        <span className="copy-label" aria-hidden={state !== 'copied'}>
          {t('copy.done')}
        </span>
        <span className="copy-label" aria-hidden={state !== 'tooLong'}>
          {t('copy.tooLong')}
        </span>
      </button>
      <span className="copy-status" role="status">
        {state === 'copied' ? <span className="sr-only">{t('copy.done')}</span> : null}
        {state === 'failed' ? <span className="copy-failed">{t('copy.failed')}</span> : null}
      </span>
    </span>
  );
}

const NO_WARNINGS: readonly SourceWarning[] = [];

/**
 * The top bar: none of it depends on the timeline, so a step (a key press, a frame of play) does not
 * render it again; only a new tape, trace or text does.
 */
const TopBar = memo(function TopBar({
  tape,
  trace,
  text,
  onCode,
}: {
  tape: Tape | null;
  trace: Trace | null;
  text: string;
  onCode: (f: CodeFormat) => void;
}) {
  const t = useT();
  return (
    <header className="topbar">
      <h1 className="brand">
        Wengert <span className="tagline">{t('app.tagline')}</span>
      </h1>
      <div className="topbar-actions">
        <ExamplesMenu />
        <Gallery />
        <ExportMenu tape={tape} trace={trace} text={text} onCode={onCode} />
        <QuizToggle />
        <PresentButton />
        <CopyLink />
        <LanguageSwitch />
      </div>
    </header>
  );
});

export function App() {
  useDocumentLang();
  const t = useT();
  const { current, parsedText, shown, stale, step } = useModel();
  const hovered = useStore((s) => s.hovered);
  const dual = useStore((s) => s.dual);
  // A mode's bar and styles come in a chunk of their own (modes.tsx); until it is there, the page
  // keeps its usual look.
  const modes = usePresentation(useStore((s) => s.present || s.embed));
  const present = useStore((s) => s.present) && modes !== null;
  const embed = useStore((s) => s.embed) && modes !== null;
  const values = useStore((s) => s.values);
  usePresentationKeys(present);
  const quiz = useStore((s) => s.quiz);
  const setHovered = useStore((s) => s.setHovered);
  const setStep = useStore((s) => s.setStep);
  const setPlaying = useStore((s) => s.setPlaying);
  const jump = useCallback(
    (to: number) => {
      setPlaying(false);
      setStep(to);
    },
    [setPlaying, setStep],
  );
  const pending = useQuizPending(step);
  // Which program the code view shows (Export menu, or the link under the results); null: closed.
  const [codeView, setCodeView] = useState<CodeFormat | null>(null);
  const closeCodeView = useCallback(() => setCodeView(null), []);
  const tape = shown?.tape ?? null;
  const trace = shown?.trace ?? null;
  const view = useStore((s) => s.view);
  const example = EXAMPLES[exampleIndex(parsedText, view)];
  const lesson = example ? exampleText(t.lang, example).lesson : undefined;
  const fieldsProblem = current.tape && !current.trace;
  // While the text does not parse, the fields of the last expression that did stay where they are
  // (marked stale), with what is typed in them now: a transient error moves nothing.
  const fieldsTape = current.tape ?? shown?.tape ?? null;
  const fieldsStale = !current.tape && fieldsTape !== null;
  const staleFields = useMemo(
    () => (fieldsStale && fieldsTape ? fieldsOf(fieldsTape, values) : null),
    [fieldsStale, fieldsTape, values],
  );
  const fieldsModel = current.tape ? current : shown;

  return (
    <div className={`app${present ? ' present' : embed ? ' embed' : ''}`}>
      {modes && present ? (
        <modes.PresentBar
          text={parsedText}
          fields={shown?.fields ?? current.fields}
          program={shown?.program ?? null}
          error={trace ? null : current.error}
        />
      ) : modes && embed ? (
        <modes.EmbedBar />
      ) : (
        <TopBar tape={tape} trace={trace} text={parsedText} onCode={setCodeView} />
      )}
      <Notices />
      <section className="editor-row" aria-label={t('region.editor')} hidden={present || embed}>
        <PanelBoundary name="editor" resetKey={parsedText}>
          <ExpressionEditor
            error={current.error}
            warnings={current.tape?.warnings ?? NO_WARNINGS}
            parsedText={parsedText}
            hint={lesson}
            staleNote={stale && tape ? (fieldsProblem ? t('stale.fields') : t('stale.text')) : null}
          />
          <InputFields
            fields={staleFields ?? current.fields}
            tape={fieldsTape}
            seedIndex={fieldsModel?.seedIndex ?? 0}
            outIndex={fieldsModel?.outIndex ?? 0}
            stale={fieldsStale}
          />
        </PanelBoundary>
      </section>
      <div className="stage">
        <main className={`panels${stale && tape ? ' stale' : ''}`}>
          <section className="panel graph-panel" aria-label={t('region.graph')}>
            <PanelBoundary name="graph" resetKey={tape}>
              {tape && trace ? (
                <GraphView
                  tape={tape}
                  trace={trace}
                  step={step}
                  hovered={hovered}
                  onHover={setHovered}
                  dual={dual}
                  conceal={pending}
                />
              ) : (
                <p className="empty">
                  {t(
                    current.tape
                      ? 'graph.emptyValues'
                      : current.error && parsedText.trim() !== ''
                        ? 'graph.emptyError'
                        : 'graph.emptyPanel',
                  )}
                </p>
              )}
            </PanelBoundary>
          </section>
          <SidePanel
            program={shown?.program ?? null}
            tape={tape}
            trace={trace}
            step={step}
            hovered={hovered}
            onHover={setHovered}
            onJump={jump}
          />
        </main>
        <footer className={`timeline-row${stale && tape ? ' stale' : ''}`}>
          <PanelBoundary name="controls" resetKey={trace}>
            <Timeline trace={trace} step={step} />
            {modes && present && <modes.PresentRow trace={trace} step={step} asking={pending} />}
            <Caption trace={trace} step={step} asking={pending} values={!!current.tape} />
            {quiz && <QuizScoreBadge />}
            {tape && trace && <ResultStrip tape={tape} trace={trace} step={pending ? step - 1 : step} />}
            {tape && trace && !embed && <SameInLinks onOpen={setCodeView} />}
          </PanelBoundary>
        </footer>
      </div>
      {codeView && tape && trace && (
        <Suspense fallback={null}>
          <CodeView
            format={codeView}
            tape={tape}
            trace={trace}
            text={parsedText}
            onFormat={setCodeView}
            onClose={closeCodeView}
          />
        </Suspense>
      )}
    </div>
  );
}
