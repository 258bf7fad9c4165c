import { FluentProvider } from '@fluentui/react-components';
import { I18nextProvider } from 'react-i18next';
import { RouterProvider } from 'react-router/dom';
import { AppInfoProvider } from '../app-info/AppInfoProvider';
import { i18n } from '../i18n/i18n';
import { useSystemTheme } from '../theme/useSystemTheme';
import { router } from './router';

export function App() {
  const theme = useSystemTheme();
  return (
    <I18nextProvider i18n={i18n}>
      {/* No className here: FluentProvider copies it onto every portal (menus, toasts), layout included. */}
      <FluentProvider theme={theme}>
        <AppInfoProvider>
          <RouterProvider router={router} />
        </AppInfoProvider>
      </FluentProvider>
    </I18nextProvider>
  );
}
