import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'katex/dist/katex.min.css';
import './ui/theme.css';
import './ui/app.css';
import { App } from './ui/App';
import { startUrlSync } from './state/urlSync';

startUrlSync();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
