import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'katex/dist/katex.min.css';
import './ui/theme.css';
import './ui/app.css';
import { App } from './ui/App';
import { PanelBoundary } from './ui/PanelBoundary';
import { startUrlSync } from './state/urlSync';

startUrlSync();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {/* The last wall: whatever fails outside a panel, the page says so and offers a retry. */}
    <PanelBoundary name="page">
      <App />
    </PanelBoundary>
  </StrictMode>,
);
