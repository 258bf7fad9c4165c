/**
 * The UI language: i18next with the typed catalogs from shared/i18n. Starts in the language the preferences name
 * (main.tsx; the operating system's by default) and is switched at run time when the preferences save another
 * (`setLanguage`); <html lang> follows, so screen readers pronounce German as German.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '../../shared/contract';
import { catalogs } from '../../shared/i18n/catalogs';
import { fallbackLanguage, pickLanguage } from '../../shared/i18n/language';

export const i18n = i18next.createInstance();

export async function initI18n(language: Locale = pickLanguage(navigator.language)): Promise<void> {
  i18n.on('languageChanged', (lng) => {
    document.documentElement.lang = lng;
    document.title = i18n.t('app.name');
  });
  await i18n.use(initReactI18next).init({
    lng: language,
    fallbackLng: fallbackLanguage,
    supportedLngs: Object.keys(catalogs),
    resources: Object.fromEntries(Object.entries(catalogs).map(([lng, messages]) => [lng, { translation: messages }])),
    interpolation: { escapeValue: false }, // React escapes already.
  });
}

export async function setLanguage(language: Locale): Promise<void> {
  await i18n.changeLanguage(language);
}
