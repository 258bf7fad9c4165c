/**
 * A failed sign-in or read, in words with what to do: the provider's GroupwareError (status, code, no answer at
 * all) and the service's CompanionErrors for what fails before any request (no account, a bad URL, an unreadable
 * CA file). A 403 names the permission the area needs and is remembered for the *Permissions* check.
 */
import type { Locale } from '../../../shared/contract';
import { CompanionError } from '../../../shared/ipc/contract-kit';
import { isGroupwareError, type GroupwareError } from '../../groupware/errors';
import { PERMISSION_BY_AREA, type CheckedArea, type Permission } from './permissions';
import type { StepResult } from './runner';
import { checkTexts as texts } from './texts';

export interface FailureContext {
  lang: Locale;
  /** The server, for the sentences. */
  url: string;
  /** Says whether a connection failure's reason is an untrusted certificate (the provider knows its wording). */
  isCertificateTrouble(reason: string): boolean;
  /** Collects the permissions Graph refused (403). */
  denied: Set<Permission>;
}

/** Sign-in: nothing configured, a bad URL or CA file, a refused token, no answer. */
export function signInFailure(error: unknown, ctx: FailureContext): StepResult {
  const { lang } = ctx;
  if (error instanceof CompanionError) {
    if (error.code === 'GROUPWARE_NOT_CONFIGURED') return failed(texts.notConfigured(lang), texts.notConfiguredFix(lang));
    if (error.code === 'GROUPWARE_URL_INVALID') return failed(texts.urlInvalid(lang, ctx.url, reasonOf(error.cause ?? error)), texts.urlInvalidFix(lang));
    if (error.code === 'GROUPWARE_CA_UNREADABLE') return failed(texts.caUnreadable(lang, reasonOf(error.cause ?? error)), texts.caUnreadableFix(lang));
  }
  if (isGroupwareError(error) && (error.status === 401 || error.unreachable)) return connectionFailure(error, ctx);
  return failed(texts.signInFailed(lang, reasonOf(error)), texts.signInAgain(lang));
}

/** A read after sign-in: 403 → the missing permission; 401 → sign in again; no answer; anything else as it came. */
export function readFailure(error: unknown, area: CheckedArea, ctx: FailureContext): StepResult {
  const { lang } = ctx;
  if (isGroupwareError(error) && error.status === 403) {
    const permission = PERMISSION_BY_AREA[area];
    ctx.denied.add(permission);
    return failed(texts.denied(lang, area, error.code, permission), texts.grantFix(lang, [permission]));
  }
  if (isGroupwareError(error) && (error.status === 401 || error.unreachable)) return connectionFailure(error, ctx);
  return failed(texts.readFailed(lang, area, reasonOf(error)), texts.readFailedFix(lang));
}

/** Graph refused the token (401) or did not answer. */
function connectionFailure(error: GroupwareError, ctx: FailureContext): StepResult {
  const { lang } = ctx;
  if (!error.unreachable) return failed(texts.refused(lang, ctx.url, error.code, error.status), texts.signInAgain(lang));
  const reason = error.cause instanceof Error ? error.cause.message : error.message;
  return failed(texts.unreachable(lang, ctx.url, reason), ctx.isCertificateTrouble(reason) ? texts.untrustedFix(lang) : texts.unreachableFix(lang));
}

function failed(message: string, fix: string): StepResult {
  return { status: 'failed', message, fix };
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
