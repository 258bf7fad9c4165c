/**
 * The unknown-address fixes from the activities window or an activity's page: which dialog is open, and after
 * a fix the sentence about it and `onChanged` (the lists and counts are read again: every other activity from
 * the address is linked now). *Open the joined e-mail* goes to the activity's page.
 */
import { useCallback, useState } from 'react';
import { useNavigate } from 'react-router';
import type { AddressFixDone, SenderFixRequest } from '../../sync/senders/SenderDialogs';
import type { SenderMenuAction, SenderOf } from './ActivitySenderMenu';

export interface ActivitySenderFixes {
  request: SenderFixRequest | null;
  onAction: (action: SenderMenuAction, activity: SenderOf) => void;
  close: () => void;
  onFixed: (fix: AddressFixDone) => void;
  done: AddressFixDone | null;
  dismiss: () => void;
}

export function useActivitySenderFixes(onChanged: (fix: AddressFixDone) => void): ActivitySenderFixes {
  const navigate = useNavigate();
  const [request, setRequest] = useState<SenderFixRequest | null>(null);
  const [done, setDone] = useState<AddressFixDone | null>(null);
  const onAction = useCallback(
    (action: SenderMenuAction, activity: SenderOf) => {
      if (action === 'openMail') {
        void navigate(`/activities/${encodeURIComponent(activity.id)}#mail`);
        return;
      }
      if (activity.sender === null) return;
      const partner = activity.businessPartner === null ? null : { key: activity.businessPartner, name: activity.businessPartnerName };
      setRequest({ action, address: activity.sender.address, senderName: activity.sender.name, businessPartner: partner, origin: activity.id });
    },
    [navigate],
  );
  const onFixed = useCallback(
    (fix: AddressFixDone) => {
      setRequest(null);
      setDone(fix);
      onChanged(fix);
    },
    [onChanged],
  );
  return { request, onAction, close: useCallback(() => setRequest(null), []), onFixed, done, dismiss: useCallback(() => setDone(null), []) };
}
