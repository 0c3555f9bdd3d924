import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'katex/dist/katex.min.css';
import './ui/theme.css';
import './ui/app.css';
import { App } from './ui/App';
import { PanelBoundary } from './ui/PanelBoundary';
import { startUrlSync } from './state/urlSync';
import { useStore } from './state/store';
import { loadLang, resolveLang } from './i18n/translate';
import { loadPresentation } from './ui/modes';
import { installEffectTiming } from './ui/effectTiming';

installEffectTiming();

startUrlSync();
// A Chinese page loads its strings before the first paint, so it never flashes English first; a link
// in presentation or embed mode loads that mode's parts, so it never flashes the editor first.
const { lang, present, embed } = useStore.getState();
void Promise.all([loadLang(resolveLang(lang)), present || embed ? loadPresentation() : null]).then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      {/* The last wall: whatever fails outside a panel, the page says so and offers a retry. */}
      <PanelBoundary name="page">
        <App />
      </PanelBoundary>
    </StrictMode>,
  ),
);
