/**
 * Who is signed in and the buttons that change it; *Groupware password blocked* as a read-only checkbox, and
 * when set, why and since when, and what to do. The warning about a key-file-protected sign-in; *Auto
 * synchronization*; the Web Client setting (changed under Groupware).
 */
import { Button, Checkbox, Field, Link, MessageBar, MessageBarBody, MessageBarTitle, Spinner, Subtitle1, Switch, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useHref } from 'react-router';
import type { AccountInfo } from '../../../shared/account/account-info';
import type { ErrorInfo } from '../../../shared/ipc/contract-kit';
import { formatDateTime } from '../sync/labels';
import type { AccountAccess } from './useAccount';
import { useSignInWindow } from './useSignInWindow';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  heading: { margin: 0 },
  facts: { display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: tokens.spacingHorizontalXL, rowGap: tokens.spacingVerticalS, margin: 0 },
  term: { fontWeight: tokens.fontWeightSemibold },
  value: { margin: 0, overflowWrap: 'anywhere' },
  actions: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalM },
  switchHint: { paddingInlineStart: '60px' },
});

export function SignInSection({ info, access }: { info: AccountInfo; access: AccountAccess }) {
  const { t, i18n } = useTranslation();
  const styles = useStyles();
  const signInWindow = useSignInWindow(access, info.signingIn);
  const [actionError, setActionError] = useState<ErrorInfo | null>(null);
  const preferencesHref = useHref('/preferences');
  const time = (iso: string) => formatDateTime(i18n.resolvedLanguage, iso);
  const act = (action: () => Promise<{ ok: true } | { ok: false; error: ErrorInfo }>) => {
    setActionError(null);
    void action().then((result) => setActionError(result.ok ? null : result.error));
  };
  const microsoft = info.method === 'microsoft';
  const failure = signInWindow.startError ?? actionError ?? info.lastSignInError;

  return (
    <section className={styles.section} aria-labelledby="account-heading">
      <Subtitle1 as="h2" id="account-heading" className={styles.heading}>
        {t('account.heading')}
      </Subtitle1>
      <Text>{t('account.intro')}</Text>
      {info.method === 'token' && <MessageBar intent="info"><MessageBarBody>{t('account.fixedToken')}</MessageBarBody></MessageBar>}
      {info.method === 'none' && <MessageBar intent="info"><MessageBarBody>{t('account.noAccount')}</MessageBarBody></MessageBar>}

      <dl className={styles.facts}>
        <dt className={styles.term}>{t('account.crmUser')}</dt>
        <dd className={styles.value} data-field="crmUser">
          {info.crmUser === null ? t('account.crmUserUnknown') : `${info.crmUser.name} (${info.crmUser.key})`}
        </dd>
        {microsoft && (
          <>
            <dt className={styles.term}>{t('account.signedInAs')}</dt>
            <dd className={styles.value} data-field="signedInAs">
              {info.signedInAs === null ? t('account.notSignedIn') : info.signedInAs.name === null ? info.signedInAs.userName : `${info.signedInAs.userName} (${info.signedInAs.name})`}
            </dd>
          </>
        )}
        <dt className={styles.term}>{t('account.webClient')}</dt>
        <dd className={styles.value}>
          {info.webClientBaseUrl ?? t('account.webClientNone')} · <Link href={preferencesHref}>{t('account.webClientChange')}</Link>
        </dd>
      </dl>

      {microsoft && info.setupProblem !== null && <MessageBar intent="warning" layout="multiline"><MessageBarBody>{info.setupProblem}</MessageBarBody></MessageBar>}

      {microsoft && (
        <div className={styles.actions}>
          {info.signingIn === null ? (
            <Button appearance="primary" disabled={signInWindow.starting || info.setupProblem !== null} onClick={signInWindow.start}>
              {info.blocked !== null || info.signedInAs !== null ? t('account.signInAgain') : t('account.signIn')}
            </Button>
          ) : (
            <>
              <Spinner size="tiny" labelPosition="after" label={t('account.waiting', { time: time(info.signingIn.timeoutAt) })} />
              <Button onClick={() => act(access.cancelSignIn)}>{t('account.cancel')}</Button>
            </>
          )}
          {info.signedInAs !== null && info.signingIn === null && <Button onClick={() => act(access.signOut)}>{t('account.signOut')}</Button>}
        </div>
      )}
      {signInWindow.blockedUrl !== null && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            {t('account.popupBlocked')} <Link href={signInWindow.blockedUrl} target="_blank" rel="noreferrer">{t('account.openPage')}</Link>
          </MessageBarBody>
        </MessageBar>
      )}
      {failure !== null && info.signingIn === null && (
        <MessageBar intent="error" layout="multiline" data-part="sign-in-error">
          <MessageBarBody>
            <MessageBarTitle>{t('account.signInFailed')}</MessageBarTitle>
            {failure.message}
          </MessageBarBody>
        </MessageBar>
      )}

      {microsoft && (
        <Field>
          <Checkbox label={t('account.blocked')} checked={info.blocked !== null} disabled />
        </Field>
      )}
      {microsoft && info.blocked === null && <Text size={200}>{t('account.blockedNot')}</Text>}
      {info.blocked !== null && (
        <MessageBar intent="error" layout="multiline" data-part="blocked">
          <MessageBarBody>
            <MessageBarTitle>{t('account.blockedTitle', { time: time(info.blocked.at) })}</MessageBarTitle>
            <span data-part="blocked-reason">{capitalized(info.blocked.reason)}.</span> {t('account.blockedWhatToDo')}
          </MessageBarBody>
        </MessageBar>
      )}
      {info.cacheWarning !== null && (
        <MessageBar intent="warning" layout="multiline" data-part="cache-warning">
          <MessageBarBody>
            <MessageBarTitle>{t('account.cacheWarningTitle')}</MessageBarTitle>
            {info.cacheWarning}
          </MessageBarBody>
        </MessageBar>
      )}

      <Field hint={{ children: t('account.autoSyncHint'), className: styles.switchHint }}>
        <Switch label={t('account.autoSync')} checked={info.autoSync} onChange={(_e, data) => act(() => access.update({ autoSync: data.checked }))} />
      </Field>
    </section>
  );
}

/** The reason is a sentence from the sign-in, starting lower case and without its stop. */
function capitalized(reason: string): string {
  const text = reason.replace(/[.!?]+$/, '');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
