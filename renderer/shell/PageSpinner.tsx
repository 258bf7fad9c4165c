import { Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';

const useStyles = makeStyles({ spinner: { padding: tokens.spacingVerticalXXXL } });

/** Shown while a page's code loads on the very first visit (routes are split into their own chunks). */
export function PageSpinner() {
  const { t } = useTranslation();
  const styles = useStyles();
  return <Spinner className={styles.spinner} label={t('common.loading')} />;
}
