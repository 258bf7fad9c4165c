import { useTranslation } from 'react-i18next';
import { NoticePage } from '../common/NoticePage';

/** File › User preferences…: groupware areas, import folder, automatic sync, Web Client URL — later. */
export function PreferencesPage() {
  const { t } = useTranslation();
  return <NoticePage intent="info" title={t('preferences.title')} message={t('preferences.notAvailable')} />;
}
