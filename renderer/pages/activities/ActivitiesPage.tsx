import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { NoticePage } from '../common/NoticePage';

/** `/activities` (the list, e.g. of one sync run) and `/activities/:id` (one activity, the link-back target). */
export function ActivitiesPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const title = id === undefined ? t('activities.title') : t('activities.activityTitle', { id });
  return <NoticePage intent="info" title={title} message={t('activities.notAvailable')} />;
}
