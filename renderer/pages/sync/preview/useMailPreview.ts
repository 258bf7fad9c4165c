/**
 * The body of the mail the preview shows (`sync.preview`: sanitized HTML and its count of remote images; the
 * pictures from the web only once the user asked for them, which asks again), fetched when the mail is chosen
 * and kept for the last few mails, so going back and forth between rows does
 * not ask Outlook again. An answer that arrives after the user moved on is kept for later, not shown. A failed
 * read shows the server's sentence; `retry` asks again.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorInfo } from '../../../../shared/ipc/contract-kit';
import { pickLanguage } from '../../../../shared/i18n/language';
import type { MailPreview } from '../../../../shared/sync/mail-import-types';
import { api } from '../../../ipc/api';

/** Bodies kept: enough for going back and forth, little enough for a long session. */
const KEPT = 30;

export type PreviewState =
  | { status: 'none' }
  | { status: 'loading' }
  | { status: 'ready'; preview: MailPreview }
  | { status: 'failed'; error: ErrorInfo };

interface Answers {
  previews: ReadonlyMap<string, MailPreview>;
  failures: ReadonlyMap<string, ErrorInfo>;
}

/** Answers are kept per mail and per kind: without and with the remote images' addresses. */
function keyOf(messageId: string, remoteImages: boolean): string {
  return `${remoteImages ? 'with' : 'without'}:${messageId}`;
}

function withPreview(answers: Answers, key: string, preview: MailPreview): Answers {
  const previews = new Map(answers.previews);
  previews.delete(key);
  previews.set(key, preview);
  for (const oldest of previews.keys()) {
    if (previews.size <= KEPT) break;
    previews.delete(oldest);
  }
  const failures = new Map(answers.failures);
  failures.delete(key);
  return { previews, failures };
}

function withFailure(answers: Answers, key: string, error: ErrorInfo): Answers {
  return { previews: answers.previews, failures: new Map(answers.failures).set(key, error) };
}

function without(answers: Answers, key: string): Answers {
  const failures = new Map(answers.failures);
  failures.delete(key);
  return { previews: answers.previews, failures };
}

/** `messageId` null, or `active` false (the preview is hidden): nothing is fetched. */
export function useMailPreview(messageId: string | null, active: boolean, remoteImages: boolean): { state: PreviewState; retry: () => void } {
  const { i18n } = useTranslation();
  const [answers, setAnswers] = useState<Answers>({ previews: new Map(), failures: new Map() });
  // Asked and not answered yet: a mail chosen twice in a row is asked once.
  const asked = useRef(new Set<string>());
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const key = messageId === null ? null : keyOf(messageId, remoteImages);
  const preview = key === null ? undefined : answers.previews.get(key);
  const failure = key === null ? undefined : answers.failures.get(key);
  const known = preview !== undefined || failure !== undefined;
  const language = pickLanguage(i18n.resolvedLanguage ?? i18n.language);

  useEffect(() => {
    if (messageId === null || key === null || !active || known || asked.current.has(key)) return;
    asked.current.add(key);
    void api.call['sync.preview']({ messageId, lang: language, remoteImages }).then((result) => {
      asked.current.delete(key);
      if (!mounted.current) return;
      setAnswers((current) => (result.ok ? withPreview(current, key, result.value) : withFailure(current, key, result.error)));
    });
  }, [messageId, key, active, known, language, remoteImages]);

  const retry = useCallback(() => {
    if (key !== null) setAnswers((current) => without(current, key));
  }, [key]);

  // While the pictures are being fetched, the mail stays shown as it was (the frame, and the focus in it, stay).
  const shown = preview ?? (remoteImages && messageId !== null && failure === undefined ? answers.previews.get(keyOf(messageId, false)) : undefined);
  const state: PreviewState =
    messageId === null ? { status: 'none' } : shown !== undefined ? { status: 'ready', preview: shown } : failure !== undefined ? { status: 'failed', error: failure } : { status: 'loading' };
  return { state, retry };
}
