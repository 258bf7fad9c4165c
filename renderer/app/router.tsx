/**
 * The routes. A HASH router, because inside Electron the page is a file:// URL: `index.html#/sync` survives a
 * reload there, and the 127.0.0.1 host needs no server-side fallback route either.
 * The start page ships in the main chunk (it is what everyone sees first); the others load on demand.
 */
import { createHashRouter } from 'react-router';
import { NotFoundPage } from '../pages/NotFoundPage';
import { StartPage } from '../pages/start/StartPage';
import { AppShell } from '../shell/AppShell';
import { PageSpinner } from '../shell/PageSpinner';

const activitiesPage = async () => ({ Component: (await import('../pages/activities/ActivitiesPage')).ActivitiesPage });

export const router = createHashRouter([
  {
    path: '/',
    Component: AppShell,
    HydrateFallback: PageSpinner,
    children: [
      { index: true, Component: StartPage },
      { path: 'sync', lazy: async () => ({ Component: (await import('../pages/sync/SyncPage')).SyncPage }) },
      {
        path: 'preferences',
        lazy: async () => ({ Component: (await import('../pages/preferences/PreferencesPage')).PreferencesPage }),
      },
      { path: 'preferences/account', lazy: async () => ({ Component: (await import('../pages/account/AccountPage')).AccountPage }) },
      { path: 'activities', lazy: activitiesPage },
      { path: 'conflicts', lazy: async () => ({ Component: (await import('../pages/conflicts/ConflictsPage')).ConflictsPage }) },
      {
        path: 'connection-check',
        lazy: async () => ({ Component: (await import('../pages/connection-check/ConnectionCheckPage')).ConnectionCheckPage }),
      },
      { path: 'activities/:id', lazy: async () => ({ Component: (await import('../pages/activities/ActivityPage')).ActivityPage }) },
      { path: '*', Component: NotFoundPage },
    ],
  },
]);
