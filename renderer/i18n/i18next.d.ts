// Makes `t('start.title')` a checked key: a typo or a key missing from the English reference fails to compile.
import 'i18next';
import type { en } from '../../shared/i18n/en';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}
