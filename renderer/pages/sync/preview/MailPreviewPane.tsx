/**
 * The chosen mail, read beside the grid: subject, sender and date, then the body in a sandboxed frame
 * (preview-document.ts says what it may load). Remote images stay blocked, with a bar that counts them and
 * loads them for this mail only when asked; the wizard remembers that choice per mail. Loading and failure
 * are said in words, a failure with the server's sentence and a way to try again.
 */
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Spinner, Text, makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import { ImageOffRegular } from '@fluentui/react-icons';
import { useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { MailCandidate } from '../../../../shared/sync/mail-import-types';
import { formatDateTime } from '../labels';
import { PREVIEW_SANDBOX, previewDocument } from './preview-document';
import type { PreviewState } from './useMailPreview';

const useStyles = makeStyles({
  pane: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, height: '100%', minHeight: 0, minWidth: 0 },
  meta: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, minWidth: 0 },
  subject: { ...typographyStyles.subtitle2, margin: 0, overflowWrap: 'anywhere' },
  line: { ...typographyStyles.caption1, color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
  frame: {
    flexGrow: 1,
    minHeight: '160px',
    width: '100%',
    boxSizing: 'border-box',
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    // The mail's page is white whatever the app's theme (mails assume a light page).
    backgroundColor: '#ffffff',
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: '1px' },
  },
  state: { paddingBlock: tokens.spacingVerticalM },
  shown: { ...typographyStyles.caption1, color: tokens.colorNeutralForeground3, display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
});

interface MailPreviewPaneProps {
  candidate: MailCandidate | null;
  state: PreviewState;
  remoteAllowed: boolean;
  onAllowRemote: (messageId: string) => void;
  onRetry: () => void;
}

export function MailPreviewPane({ candidate, state, remoteAllowed, onAllowRemote, onRetry }: MailPreviewPaneProps) {
  const { t, i18n } = useTranslation();
  const styles = useStyles();
  const lang = i18n.resolvedLanguage ?? i18n.language;
  const frame = useRef<HTMLIFrameElement>(null);
  const html = state.status === 'ready' ? state.preview.html : null;
  const doc = useMemo(() => (html === null ? null : previewDocument(html, { remoteImages: remoteAllowed ? 'allowed' : 'blocked', lang })), [html, remoteAllowed, lang]);

  if (candidate === null) {
    return (
      <div className={styles.pane}>
        <Text className={styles.state}>{t('mailPreview.choose')}</Text>
      </div>
    );
  }
  const subject = candidate.subject || t('sync.noSubject');
  const sender = candidate.from === null ? t('sync.noSender') : candidate.from.name ? `${candidate.from.name} <${candidate.from.address}>` : candidate.from.address;
  const remoteImages = state.status === 'ready' ? state.preview.remoteImages : 0;

  return (
    <div className={styles.pane} data-message-id={candidate.messageId} data-testid="mail-preview">
      <div className={styles.meta}>
        <h3 className={styles.subject}>{subject}</h3>
        <span className={styles.line}>{t('mailPreview.from', { sender })}</span>
        <time className={styles.line} dateTime={candidate.receivedAt}>
          {formatDateTime(lang, candidate.receivedAt)}
        </time>
      </div>
      {state.status === 'loading' && (
        <div role="status" className={styles.state}>
          <Spinner size="small" labelPosition="after" label={t('mailPreview.loading')} />
        </div>
      )}
      {state.status === 'failed' && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t('mailPreview.failed')}</MessageBarTitle>
            {state.error.message}
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={onRetry}>{t('mailPreview.retry')}</Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {remoteImages > 0 &&
        (remoteAllowed ? (
          <span role="status" className={styles.shown} data-testid="remote-images">
            {t('mailPreview.remoteShown', { count: remoteImages })}
          </span>
        ) : (
          <MessageBar intent="info" layout="multiline" icon={<ImageOffRegular />} data-testid="remote-images">
            <MessageBarBody>
              <MessageBarTitle>{t('mailPreview.remoteBlocked', { count: remoteImages })}</MessageBarTitle>
              {t('mailPreview.remoteWhy')}
            </MessageBarBody>
            <MessageBarActions>
              <Button
                onClick={() => {
                  onAllowRemote(candidate.messageId);
                  // The button goes away with the images shown: focus goes on to the mail they are in.
                  frame.current?.focus();
                }}
              >
                {t('mailPreview.loadImages')}
              </Button>
            </MessageBarActions>
          </MessageBar>
        ))}
      {doc !== null && html !== null && html.trim() === '' && <Text className={styles.state}>{t('mailPreview.empty')}</Text>}
      {doc !== null && html !== null && html.trim() !== '' && (
        <iframe
          ref={frame}
          className={styles.frame}
          title={t('mailPreview.frameTitle', { subject })}
          sandbox={PREVIEW_SANDBOX}
          srcDoc={doc}
          referrerPolicy="no-referrer"
          // Focusable, so the mail can be scrolled with the keyboard.
          tabIndex={0}
        />
      )}
    </div>
  );
}
