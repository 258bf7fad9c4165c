/**
 * Connecting to Microsoft Graph: the front door the service, the CLI and tests use. It checks the connection
 * with `GET /me` and answers in words when it cannot be used (wrong token, unreachable server, untrusted
 * certificate), as a CompanionError whose code front ends branch on.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { CompanionError } from '../../../shared/ipc/contract-kit';
import { isGroupwareError } from '../errors';
import type { MailboxUser, MailProvider } from '../mail-provider';
import { staticTokenAuth, type GraphAuthProvider } from './auth';
import { createGraphHttp, type GraphHttp } from './client';
import { createGraphMailProvider } from './provider';
import { parseWire } from './wire';

export interface GraphConnectionOptions {
  /** Server root (`https://graph.microsoft.com`, the sandbox's `https://127.0.0.1:P`); the client adds /v1.0. */
  url: string;
  token: string;
  /** A PEM file with the CA certificate to trust (the sandbox's, a corporate TLS proxy's). */
  ca?: string;
  /** The same as PEM text. */
  caPem?: string;
}

/** The mailbox owner as Graph's `/me` reports it. */
export type GraphUser = MailboxUser;

const meSchema = z.looseObject({
  id: z.string().min(1),
  displayName: z.string().nullish(),
  mail: z.string().nullish(),
  userPrincipalName: z.string().nullish(),
});

export async function connectGraph(opts: GraphConnectionOptions): Promise<{ provider: MailProvider; me: GraphUser }> {
  return connectGraphWith(opts, staticTokenAuth(opts.token));
}

/** The same with any token source (MSAL later); tests pass provider options such as a small delta page size. */
export async function connectGraphWith(
  opts: Omit<GraphConnectionOptions, 'token'>,
  auth: GraphAuthProvider,
  providerOptions: Parameters<typeof createGraphMailProvider>[1] = {},
): Promise<{ provider: MailProvider; me: GraphUser; http: GraphHttp }> {
  const http = await openGraphHttp(opts, auth);
  try {
    return { provider: createGraphMailProvider(http, providerOptions), me: await readMailboxUser(http), http };
  } catch (error) {
    await http.close();
    throw connectionError(opts.url, error);
  }
}

/**
 * The client for one mailbox, before any request: the CA file read (GROUPWARE_CA_UNREADABLE) and the URL checked
 * (GROUPWARE_URL_INVALID), each refusal a CompanionError in words.
 */
export async function openGraphHttp(opts: Omit<GraphConnectionOptions, 'token'>, auth: GraphAuthProvider): Promise<GraphHttp> {
  const caPem = [opts.caPem, opts.ca === undefined ? undefined : await readCaFile(opts.ca)].filter((pem) => pem !== undefined).join('\n');
  try {
    return createGraphHttp({ url: opts.url, auth, caPem: caPem === '' ? undefined : caPem });
  } catch (error) {
    throw new CompanionError('GROUPWARE_URL_INVALID', `The Microsoft Graph URL is not usable: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/** `GET /me`: whose mailbox this is. Failures are GroupwareErrors (connectGraphWith words them for its callers). */
export async function readMailboxUser(http: GraphHttp): Promise<GraphUser> {
  const me = parseWire(meSchema, await http.get('/me?$select=id,displayName,mail,userPrincipalName'), 'GET /me');
  return { id: me.id, displayName: me.displayName ?? null, mail: me.mail ?? null, userPrincipalName: me.userPrincipalName ?? me.mail ?? '' };
}

async function readCaFile(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CompanionError('GROUPWARE_CA_UNREADABLE', `The CA certificate file ${file} cannot be read: ${reason}`, { cause: error });
  }
}

const CERTIFICATE_TROUBLE = /certificate|self[- ]signed|CERT_|UNABLE_TO_VERIFY/i;

/** A connection failure's reason that says the server's certificate is not trusted (the cure: its CA with --ca). */
export function isCertificateTrouble(reason: string): boolean {
  return CERTIFICATE_TROUBLE.test(reason);
}

function connectionError(url: string, error: unknown): CompanionError {
  if (!isGroupwareError(error)) {
    return new CompanionError('GROUPWARE_UNREACHABLE', `Microsoft Graph at ${url} gave an answer that is not a user: ${String(error)}`, { cause: error });
  }
  if (error.kind === 'auth') {
    return new CompanionError(
      'GROUPWARE_AUTH',
      `Microsoft Graph at ${url} refused the access token (${error.status ?? '?'}${error.code ? ` ${error.code}` : ''}): sign in again or pass a valid token.`,
      { cause: error },
    );
  }
  if (error.unreachable) {
    const reason = error.cause instanceof Error ? error.cause.message : error.message;
    const hint = isCertificateTrouble(reason) ? ' Its certificate is not trusted: pass the CA certificate with --ca FILE.' : '';
    return new CompanionError('GROUPWARE_UNREACHABLE', `Microsoft Graph at ${url} cannot be reached: ${reason}.${hint}`, { cause: error });
  }
  return new CompanionError('GROUPWARE_UNREACHABLE', `Microsoft Graph at ${url} cannot be used: ${error.message}`, { cause: error });
}

export { staticTokenAuth, type GraphAuthProvider } from './auth';
export { createGraphHttp, type GraphHttp } from './client';
export { CRM_ACTIVITY_ID_PROPERTY } from './messages';
export { ARCHIVE_FOLDER_NAME, findArchiveFolder, listInboxFolders, listFoldersBelow } from './folders';
export { readCalendarWindow } from './events';
export { defaultTaskList } from './tasks';
export { createGraphMailProvider, type GraphMailProviderOptions } from './provider';
export { createGraphItemProvider, type GraphItemProviderOptions } from './item-provider';
