import { teamsHighContrastTheme, webDarkTheme, webLightTheme, type Theme } from '@fluentui/react-components';
import { useMediaQuery } from './useMediaQuery';

/** The Fluent theme the operating system asks for: high contrast wins over dark, dark over light. */
export function useSystemTheme(): Theme {
  const forcedColors = useMediaQuery('(forced-colors: active)');
  const dark = useMediaQuery('(prefers-color-scheme: dark)');
  if (forcedColors) return teamsHighContrastTheme;
  return dark ? webDarkTheme : webLightTheme;
}
