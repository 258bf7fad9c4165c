/**
 * The body of the mail the preview shows (`sync.preview`: sanitized HTML and its count of remote images),
 * fetched when the mail is chosen and kept for the last few mails, so going back and forth between rows does
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

function withPreview(answers: Answers, preview: MailPreview): Answers {
  const previews = new Map(answers.previews);
  previews.delete(preview.messageId);
  previews.set(preview.messageId, preview);
  for (const oldest of previews.keys()) {
    if (previews.size <= KEPT) break;
    previews.delete(oldest);
  }
  const failures = new Map(answers.failures);
  failures.delete(preview.messageId);
  return { previews, failures };
}

function withFailure(answers: Answers, messageId: string, error: ErrorInfo): Answers {
  return { previews: answers.previews, failures: new Map(answers.failures).set(messageId, error) };
}

function without(answers: Answers, messageId: string): Answers {
  const failures = new Map(answers.failures);
  failures.delete(messageId);
  return { previews: answers.previews, failures };
}

/** `messageId` null, or `active` false (the preview is hidden): nothing is fetched. */
export function useMailPreview(messageId: string | null, active: boolean): { state: PreviewState; retry: () => void } {
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

  const preview = messageId === null ? undefined : answers.previews.get(messageId);
  const failure = messageId === null ? undefined : answers.failures.get(messageId);
  const known = preview !== undefined || failure !== undefined;
  const language = pickLanguage(i18n.resolvedLanguage ?? i18n.language);

  useEffect(() => {
    if (messageId === null || !active || known || asked.current.has(messageId)) return;
    asked.current.add(messageId);
    void api.call['sync.preview']({ messageId, lang: language }).then((result) => {
      asked.current.delete(messageId);
      if (!mounted.current) return;
      setAnswers((current) => (result.ok ? withPreview(current, result.value) : withFailure(current, messageId, result.error)));
    });
  }, [messageId, active, known, language]);

  const retry = useCallback(() => {
    if (messageId !== null) setAnswers((current) => without(current, messageId));
  }, [messageId]);

  const state: PreviewState =
    messageId === null ? { status: 'none' } : preview !== undefined ? { status: 'ready', preview } : failure !== undefined ? { status: 'failed', error: failure } : { status: 'loading' };
  return { state, retry };
}
