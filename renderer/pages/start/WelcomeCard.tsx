import {
  Button,
  Caption1,
  Card,
  CardFooter,
  CardHeader,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  Title2,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { useAppInfo } from '../../app-info/AppInfoProvider';
import { AppFacts } from './AppFacts';
import { CrmCounts } from './CrmCounts';

const useStyles = makeStyles({
  card: { padding: tokens.spacingHorizontalXXL, gap: tokens.spacingVerticalXL },
  title: { margin: 0 },
  intro: { color: tokens.colorNeutralForeground2 },
  version: { color: tokens.colorNeutralForeground3 },
  spinner: { justifyContent: 'flex-start' },
});

/** The start page's card: what this app is, how it runs, what it is connected to and how much CRM data it holds. */
export function WelcomeCard() {
  const { t } = useTranslation();
  const styles = useStyles();
  return (
    <Card className={styles.card} appearance="filled">
      <CardHeader
        header={
          <Title2 as="h1" className={styles.title}>
            {t('start.title')}
          </Title2>
        }
        description={<Text className={styles.intro}>{t('start.intro')}</Text>}
      />
      <WelcomeCardBody />
    </Card>
  );
}

function WelcomeCardBody() {
  const { t } = useTranslation();
  const styles = useStyles();
  const { state, reload } = useAppInfo();
  switch (state.status) {
    case 'loading':
      return <Spinner className={styles.spinner} size="small" labelPosition="after" label={t('start.loading')} />;
    case 'failed':
      return (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t('start.loadFailed')}</MessageBarTitle>
            {state.error.message}
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={reload}>{t('start.retry')}</Button>
          </MessageBarActions>
        </MessageBar>
      );
    case 'ready':
      return (
        <>
          <AppFacts info={state.info} />
          <CrmCounts counts={state.info.crm} />
          <CardFooter>
            <Caption1 className={styles.version}>{t('start.version', { version: state.info.version })}</Caption1>
          </CardFooter>
        </>
      );
  }
}
