import { useTranslation } from 'react-i18next';
import { NoticePage } from '../common/NoticePage';

/** `/activities` (the list, e.g. of one sync run); one activity has its own page (ActivityPage). */
export function ActivitiesPage() {
  const { t } = useTranslation();
  return <NoticePage intent="info" title={t('activities.title')} message={t('activities.notAvailable')} />;
}
