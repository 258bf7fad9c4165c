/**
 * What the sender menu's items open: the address shown in full (selected, with a copy button), the address
 * assigned to an existing contact person (`crm.assignAddress`), or a new contact person created with it as
 * standard address (`crm.createContactPerson`, the business partner suggested by `crm.suggestPartner` when the
 * address's domain names one). A refusal (the address belongs to someone else, no name, …) stays in the dialog
 * with the server's sentence; a fix closes it and hands over what was done. Enter in a dialog is the dialog's,
 * never the wizard step's default button.
 */
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { CopyRegular } from '@fluentui/react-icons';
import { useEffect, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorInfo } from '../../../../shared/ipc/contract-kit';
import type { MailCandidate } from '../../../../shared/sync/mail-import-types';
import { api } from '../../../ipc/api';
import type { SenderAction } from '../grid/grid-context';
import type { PickIndex } from '../grid/pick-lists';
import { CrmEntryPicker } from './CrmEntryPicker';

/** A sender menu item chosen for a row (a wizard candidate or an imported activity). */
export interface SenderFixRequest {
  action: SenderAction;
  address: string;
  /** The sender's display name as the mail gave it. */
  senderName: string | null;
  /** The business partner the row has already (found by the address's domain): its contact persons come first. */
  businessPartner: { key: string; name: string | null } | null;
  /** What opened the dialog (the wizard: a message id), to hand focus back to. */
  origin: string;
}

/** The fix request for a wizard candidate's sender. */
export function candidateFixRequest(action: SenderAction, candidate: MailCandidate, address: string): SenderFixRequest {
  const partner = candidate.businessPartner === null ? null : { key: candidate.businessPartner, name: candidate.businessPartnerName };
  return { action, address, senderName: candidate.from?.name ?? null, businessPartner: partner, origin: candidate.messageId };
}

/** What a fix did, with the names users know, for the wizard's sentence and the rows. */
export interface AddressFixDone {
  kind: 'assigned' | 'created';
  address: string;
  contactPerson: string;
  contactPersonName: string;
  businessPartner: string;
  businessPartnerName: string | null;
  /** Activities imported earlier from the address that are now linked too. */
  linkedActivities: number;
}

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  address: { fontFamily: tokens.fontFamilyMonospace },
});

interface SenderDialogsProps {
  request: SenderFixRequest | null;
  index: PickIndex;
  onClose: () => void;
  onFixed: (fix: AddressFixDone) => void;
}

export function SenderDialogs({ request, index, onClose, onFixed }: SenderDialogsProps) {
  if (request === null) return null;
  const sender = request.senderName || request.address;
  switch (request.action) {
    case 'showAddress':
      return <ShowAddressDialog address={request.address} sender={sender} onClose={onClose} />;
    case 'assign':
      return <AssignDialog request={request} index={index} onClose={onClose} onFixed={onFixed} />;
    case 'create':
      return <CreateDialog request={request} index={index} onClose={onClose} onFixed={onFixed} />;
  }
}

/** Enter belongs to the dialog: React hands events from the portal up to the wizard step, which must not see it. */
function keepEnter(event: KeyboardEvent<HTMLElement>) {
  if (event.key === 'Enter') event.stopPropagation();
}

function SenderDialog({ title, onClose, children, actions }: { title: string; onClose: () => void; children: ReactNode; actions: ReactNode }) {
  const styles = useStyles();
  return (
    <Dialog open onOpenChange={(_event, data) => !data.open && onClose()}>
      <DialogSurface onKeyDown={keepEnter}>
        <DialogBody>
          <DialogTitle>{title}</DialogTitle>
          <DialogContent className={styles.content}>{children}</DialogContent>
          <DialogActions>{actions}</DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

function ShowAddressDialog({ address, sender, onClose }: { address: string; sender: string; onClose: () => void }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const [copied, setCopied] = useState<'no' | 'yes' | 'failed'>('no');
  const copy = () => {
    navigator.clipboard.writeText(address).then(
      () => setCopied('yes'),
      () => setCopied('failed'),
    );
  };
  return (
    <SenderDialog
      title={t('unknownSender.addressTitle')}
      onClose={onClose}
      actions={
        <>
          <Button appearance="primary" icon={<CopyRegular />} onClick={copy}>
            {t('unknownSender.copy')}
          </Button>
          <DialogTrigger disableButtonEnhancement>
            <Button>{t('unknownSender.close')}</Button>
          </DialogTrigger>
        </>
      }
    >
      <Field label={t('unknownSender.addressLabel', { sender })}>
        {/* Read-only and selected as the dialog opens: Ctrl+C copies it at once. */}
        <Input className={styles.address} readOnly value={address} autoFocus onFocus={(event) => event.target.select()} />
      </Field>
      <Text role="status">{copied === 'yes' ? t('unknownSender.copied') : copied === 'failed' ? t('unknownSender.copyFailed') : ''}</Text>
    </SenderDialog>
  );
}

type Saving = { status: 'idle' } | { status: 'saving' } | { status: 'failed'; error: ErrorInfo };

function SaveFailure({ saving }: { saving: Saving }) {
  const { t } = useTranslation();
  if (saving.status !== 'failed') return null;
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{t('unknownSender.failed')}</MessageBarTitle>
        {saving.error.message}
      </MessageBarBody>
    </MessageBar>
  );
}

interface FixDialogProps {
  request: SenderFixRequest;
  index: PickIndex;
  onClose: () => void;
  onFixed: (fix: AddressFixDone) => void;
}

/** The row's business partner (found by the domain), whose contact persons the picker offers first. */
function rowPartner(request: SenderFixRequest, index: PickIndex): { key: string; name: string } | null {
  const partner = request.businessPartner;
  if (partner === null) return null;
  return { key: partner.key, name: index.text('businessPartner', partner.key) ?? partner.name ?? partner.key };
}

function AssignDialog({ request, index, onClose, onFixed }: FixDialogProps) {
  const { t } = useTranslation();
  const { address } = request;
  const [contactPerson, setContactPerson] = useState<string | null>(null);
  const [saving, setSaving] = useState<Saving>({ status: 'idle' });
  const [tried, setTried] = useState(false);

  const submit = () => {
    setTried(true);
    if (contactPerson === null || saving.status === 'saving') return;
    setSaving({ status: 'saving' });
    void api.call['crm.assignAddress']({ address, contactPerson }).then((result) => {
      if (!result.ok) {
        setSaving({ status: 'failed', error: result.error });
        return;
      }
      const fix = result.value;
      onFixed({
        kind: 'assigned',
        address,
        contactPerson: fix.contactPerson,
        contactPersonName: index.text('contactPerson', fix.contactPerson) ?? fix.contactPerson,
        businessPartner: fix.businessPartner,
        businessPartnerName: index.text('businessPartner', fix.businessPartner),
        linkedActivities: fix.linkedActivities,
      });
    });
  };

  return (
    <SenderDialog
      title={t('unknownSender.assignTitle')}
      onClose={onClose}
      actions={
        <>
          <Button appearance="primary" disabled={saving.status === 'saving'} onClick={submit}>
            {saving.status === 'saving' ? t('unknownSender.saving') : t('unknownSender.assignAction')}
          </Button>
          <DialogTrigger disableButtonEnhancement>
            <Button>{t('unknownSender.cancel')}</Button>
          </DialogTrigger>
        </>
      }
    >
      <Text>{t('unknownSender.assignIntro', { address })}</Text>
      <CrmEntryPicker
        label={t('unknownSender.contactPerson')}
        entries={index.entries('contactPerson')}
        selected={contactPerson}
        onSelect={setContactPerson}
        prefer={rowPartner(request, index)}
        partnerName={(key) => index.text('businessPartner', key)}
        validation={tried && contactPerson === null ? t('unknownSender.pickContactPerson') : undefined}
      />
      <SaveFailure saving={saving} />
    </SenderDialog>
  );
}

type Suggestion = { status: 'asking' } | { status: 'answered'; businessPartner: string | null };

function CreateDialog({ request, index, onClose, onFixed }: FixDialogProps) {
  const { t } = useTranslation();
  const { address, senderName } = request;
  // The sender's display name is the best first guess; an address shown as the name is none.
  const [name, setName] = useState(() => (senderName !== null && senderName.trim() !== '' && senderName !== address ? senderName : ''));
  const [picked, setPicked] = useState<string | null>(null);
  const [suggestion, setSuggestion] = useState<Suggestion>({ status: 'asking' });
  const [saving, setSaving] = useState<Saving>({ status: 'idle' });
  const [tried, setTried] = useState(false);

  useEffect(() => {
    let open = true;
    void api.call['crm.suggestPartner']({ address }).then((result) => {
      // No suggestion is no failure: the user picks the partner.
      if (open) setSuggestion({ status: 'answered', businessPartner: result.ok ? result.value.businessPartner : null });
    });
    return () => {
      open = false;
    };
  }, [address]);

  const suggested = suggestion.status === 'answered' ? suggestion.businessPartner : null;
  // The user's pick wins over the suggestion, whenever it arrives.
  const businessPartner = picked ?? suggested;
  const nameMissing = name.trim() === '';

  const submit = () => {
    setTried(true);
    if (nameMissing || businessPartner === null || saving.status === 'saving') return;
    setSaving({ status: 'saving' });
    void api.call['crm.createContactPerson']({ name: name.trim(), address, businessPartner }).then((result) => {
      if (!result.ok) {
        setSaving({ status: 'failed', error: result.error });
        return;
      }
      const fix = result.value;
      onFixed({
        kind: 'created',
        address,
        contactPerson: fix.contactPerson,
        contactPersonName: name.trim(),
        businessPartner: fix.businessPartner,
        businessPartnerName: index.text('businessPartner', fix.businessPartner),
        linkedActivities: fix.linkedActivities,
      });
    });
  };

  const partnerHint =
    suggestion.status === 'asking'
      ? t('unknownSender.suggesting')
      : picked === null && suggested !== null
        ? t('unknownSender.suggested')
        : suggested === null
          ? t('unknownSender.noSuggestion')
          : undefined;

  return (
    <SenderDialog
      title={t('unknownSender.createTitle')}
      onClose={onClose}
      actions={
        <>
          <Button appearance="primary" disabled={saving.status === 'saving'} onClick={submit}>
            {saving.status === 'saving' ? t('unknownSender.saving') : t('unknownSender.createAction')}
          </Button>
          <DialogTrigger disableButtonEnhancement>
            <Button>{t('unknownSender.cancel')}</Button>
          </DialogTrigger>
        </>
      }
    >
      <Text>{t('unknownSender.createIntro', { address })}</Text>
      <Field
        label={t('unknownSender.name')}
        required
        validationMessage={tried && nameMissing ? t('unknownSender.nameMissing') : undefined}
        validationState={tried && nameMissing ? 'error' : 'none'}
      >
        <Input
          value={name}
          autoFocus
          onChange={(_event, data) => setName(data.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') submit();
          }}
        />
      </Field>
      <CrmEntryPicker
        label={t('unknownSender.businessPartner')}
        entries={index.entries('businessPartner')}
        selected={businessPartner}
        onSelect={setPicked}
        prefer={null}
        hint={partnerHint}
        validation={tried && businessPartner === null ? t('unknownSender.pickPartner') : undefined}
      />
      <SaveFailure saving={saving} />
    </SenderDialog>
  );
}
