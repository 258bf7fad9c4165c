import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { uiLanguage } from '../shared/i18n/language';
import { App } from './app/App';
import { initI18n } from './i18n/i18n';
import { api } from './ipc/api';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// Texts first, so the first paint is already in the user's language: the one the preferences name, else the
// operating system's (also when the preferences cannot be read — the page says so where they are needed).
void api.call['prefs.get']({})
  .then((stored) => initI18n(uiLanguage(stored.ok ? stored.value.preferences.language : 'system', navigator.language)))
  .then(() =>
    createRoot(root).render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  );
