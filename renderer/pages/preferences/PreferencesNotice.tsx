/**
 * What happened to the stored preferences at start, in words: the file could not be read (and where it was
 * kept), or which fields were invalid and took their defaults. Shown until the user dismisses it; dismissing
 * tells the main side (`prefs.dismissNotice`), so it does not come back.
 */
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Text } from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Result } from '../../../shared/ipc/contract-kit';
import type { Preferences, PreferencesNotice as Notice, PreferencesState } from '../../../shared/prefs/preferences';

/** Each preference's label on the page, to name the reset fields the way the user sees them. */
const FIELD_LABELS = {
  areas: 'preferences.import.areas',
  mailsFromImportFolder: 'preferences.import.mailsFromImportFolder',
  automaticSync: 'preferences.sync.automatic',
  syncIntervalMinutes: 'preferences.sync.interval',
  syncWhenActivityWindowOpens: 'preferences.sync.activityWindow',
  resultView: 'preferences.result.label',
  webClientBaseUrl: 'preferences.webClient.label',
  documentsStep: 'preferences.admin.documentsStep',
  language: 'preferences.general.language',
  account: 'preferences.tabs.account',
} as const satisfies Record<keyof Preferences | 'account', string>;

interface PreferencesNoticeProps {
  notice: Notice;
  onDismiss: () => Promise<Result<PreferencesState>>;
  /** After the notice is gone: where focus should go instead of the vanished button. */
  onDismissed: () => void;
}

export function PreferencesNotice({ notice, onDismiss, onDismissed }: PreferencesNoticeProps) {
  const { t, i18n } = useTranslation();
  const [dismissing, setDismissing] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const dismiss = () => {
    setDismissing(true);
    setError(null);
    void onDismiss().then((result) => {
      setDismissing(false);
      if (result.ok) onDismissed();
      else setError(result.error.message);
    });
  };

  const fieldNames = notice.fields.map((field) =>
    t('preferences.notice.field', { label: Object.hasOwn(FIELD_LABELS, field) ? t(FIELD_LABELS[field as keyof typeof FIELD_LABELS]) : field }),
  );
  const message =
    notice.kind === 'unreadable'
      ? notice.backupPath !== null
        ? t('preferences.notice.unreadable', { path: notice.backupPath })
        : t('preferences.notice.unreadableNoBackup')
      : t('preferences.notice.repaired', {
          count: fieldNames.length,
          fields: new Intl.ListFormat(i18n.resolvedLanguage ?? i18n.language, { type: 'conjunction' }).format(fieldNames),
        });

  return (
    <MessageBar intent="warning" layout="multiline" data-testid="preferences-notice">
      <MessageBarBody>
        <MessageBarTitle>{t('preferences.notice.title')}</MessageBarTitle>
        {message}
        {error !== null && (
          <Text as="p" role="alert">
            {t('preferences.notice.dismissFailed', { message: error })}
          </Text>
        )}
      </MessageBarBody>
      <MessageBarActions
        containerAction={
          <Button
            appearance="transparent"
            icon={<DismissRegular />}
            aria-label={t('preferences.notice.dismiss')}
            title={t('preferences.notice.dismiss')}
            disabledFocusable={dismissing}
            onClick={dismiss}
          />
        }
      />
    </MessageBar>
  );
}
