/**
 * What fixing a sender's address did, in words, above the grid: who has the address now, how many mails in the
 * list it links (and activities imported earlier), or — while the list is read again — that it is. A live
 * region, and focus lands here when the fix took the focused control away (the sender's menu button goes
 * with the unknown mark).
 */
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { AddressFixDone } from './SenderDialogs';

export type FixNotice =
  | { status: 'refreshing'; fix: AddressFixDone }
  | { status: 'done'; fix: AddressFixDone; rows: number }
  | { status: 'refreshFailed'; fix: AddressFixDone; message: string };

const useStyles = makeStyles({
  notice: { ':focus': { outlineStyle: 'none' }, ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` } },
  line: { display: 'block' },
});

export function AddressFixNotice({ notice, onDismiss }: { notice: FixNotice; onDismiss: () => void }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const box = useRef<HTMLDivElement>(null);
  const { fix } = notice;
  useEffect(() => {
    if (notice.status === 'refreshing') return;
    const focused = document.activeElement;
    if (focused === null || focused === document.body) box.current?.focus();
  }, [notice.status]);

  const headline =
    fix.kind === 'assigned'
      ? t('unknownSender.assigned', { name: fix.contactPersonName, address: fix.address })
      : t('unknownSender.created', { name: fix.contactPersonName, partner: fix.businessPartnerName ?? fix.businessPartner, address: fix.address });
  return (
    <div ref={box} tabIndex={-1} role="status" className={styles.notice} data-testid="address-fix">
      <MessageBar intent={notice.status === 'refreshFailed' ? 'warning' : 'success'} layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{headline}</MessageBarTitle>
          {notice.status === 'refreshing' && <Spinner size="extra-tiny" labelPosition="after" label={t('unknownSender.refreshing')} />}
          {notice.status === 'done' && (
            <span className={styles.line}>
              {t('unknownSender.linkedRows', { count: notice.rows, name: fix.contactPersonName })}
              {fix.linkedActivities > 0 && ` ${t('unknownSender.linkedActivities', { count: fix.linkedActivities })}`}
            </span>
          )}
          {notice.status === 'refreshFailed' && (
            <span className={styles.line}>{t('unknownSender.refreshFailed', { message: notice.message, name: fix.contactPersonName })}</span>
          )}
        </MessageBarBody>
        <MessageBarActions
          containerAction={<Button appearance="transparent" size="small" icon={<DismissRegular />} aria-label={t('unknownSender.dismiss')} onClick={onDismiss} />}
        />
      </MessageBar>
    </div>
  );
}
