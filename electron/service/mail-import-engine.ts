/**
 * What the service and the CLI need from the groupware provider and the mail-import engine, as a port: three
 * functions (connect, resolve the signed-in employee, create the import). The real ones are bound in
 * graph-mail-import-engine.ts; tests pass fakes, so the wiring above the engine is tested without a mailbox.
 * The provider and the user stay opaque (`P`, `U`): this layer only hands them from one function to the next.
 */
import type { CandidateList, MailImportSelection, MailPreview, SyncSummary } from '../../shared/sync/mail-import-types';
import type { CrmStore } from '../crm/store';
import { staticTokenAuth, type GraphAuthProvider } from '../groupware/graph/auth';

export interface ImportProgressStep {
  phase: 'started' | 'item' | 'finished';
  done: number;
  total: number;
  /** The item being worked on, in words (a mail subject). */
  item?: string;
}

export interface ImportRunOptions {
  onProgress?: (step: ImportProgressStep) => void;
  signal?: AbortSignal;
  /** Language of this operation's sentences (the asking UI's); the runner's default when absent. */
  lang?: 'de' | 'en';
}

/** One mailbox's mail import (electron/engine/mail-import). */
export interface MailImportRunner {
  refresh(opts?: ImportRunOptions): Promise<CandidateList>;
  importSelected(selections: MailImportSelection[], opts?: ImportRunOptions & { trigger?: 'manual' | 'automatic' }): Promise<SyncSummary>;
  /** Candidates with a missing mandatory field stay pending. */
  runAutomatic(opts?: ImportRunOptions): Promise<SyncSummary>;
  /** A candidate's body, sanitized, for the wizard's side pane. */
  preview(messageId: string, opts?: ImportRunOptions): Promise<MailPreview>;
}

/** The mailbox owner as the groupware reports it (Graph's `/me`). */
export interface MailboxOwner {
  mail?: string | null;
  userPrincipalName: string;
}

export interface GroupwareEndpoint {
  /** Server root (https://graph.microsoft.com or the sandbox); the client adds /v1.0. */
  url: string;
  /** A fixed bearer token (tests, the CLI's --token); ignored when `auth` is given. */
  token: string;
  /** Where each request's token comes from (the Microsoft 365 sign-in): asked before every request, so it refreshes. */
  auth?: GraphAuthProvider;
  /** Extra CA certificate to trust: a PEM file… */
  ca?: string;
  /** …or its text. */
  caPem?: string;
}

export interface MailImportEngine<P, U extends MailboxOwner> {
  /** Throws CompanionError GROUPWARE_AUTH or GROUPWARE_UNREACHABLE with a sentence. */
  connect(endpoint: GroupwareEndpoint): Promise<{ provider: P; me: U }>;
  /** Throws CompanionError EMPLOYEE_NOT_FOUND. */
  resolveEmployee(store: CrmStore, me: U, override?: string): Promise<string>;
  createMailImport(deps: { store: CrmStore; provider: P; mailbox: string; employeeKey: string; lang?: 'de' | 'en' }): MailImportRunner;
}

/** The endpoint's token source: its sign-in when it has one, else its fixed token. */
export function endpointAuth(endpoint: GroupwareEndpoint): GraphAuthProvider {
  return endpoint.auth ?? staticTokenAuth(endpoint.token);
}
