import { writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { SandboxAdmin } from './admin';
import { makeCertificate } from './cert';
import { SandboxCore, type SandboxConfig } from './core';
import type { IdpOptions } from './idp';
import { loadMailboxFile, parseMailbox, type MailboxFile } from './mailbox-file';
import { buildServer } from './server';

// The Graph sandbox (DESIGN §5): Microsoft Graph v1.0 mail, calendar and To Do over HTTPS on 127.0.0.1, plus /_sandbox/ admin.

export interface StartSandboxOptions {
  /** The mailbox as an object or the path of a mailbox file (mailbox-format.md). */
  mailbox: MailboxFile | string;
  /** 0 or absent: a free port. */
  port?: number;
  token: string;
  /** Where to write the certificate (PEM). */
  certOut?: string;
  host?: '127.0.0.1';
  config?: Partial<SandboxConfig>;
  /** The identity provider's tenant, client id, the user's password, token lifetimes (idp/). */
  idp?: IdpOptions;
}

export interface RunningSandbox {
  /** `https://127.0.0.1:P`; Graph lives under `${url}/v1.0`. */
  url: string;
  port: number;
  certPem: string;
  token: string;
  /** MSAL's authority for the sandbox's identity provider: `${url}/<tenant>`. */
  authority: string;
  /** In-process handle to the same state the HTTP side serves. */
  admin: SandboxAdmin;
  close(): Promise<void>;
}

export async function startSandbox(opts: StartSandboxOptions): Promise<RunningSandbox> {
  const file = typeof opts.mailbox === 'string' ? await loadMailboxFile(opts.mailbox) : parseMailbox(opts.mailbox);
  const core = new SandboxCore(file, opts.config, opts.idp);
  const admin = new SandboxAdmin(core);
  const { key, cert } = await makeCertificate();
  if (opts.certOut !== undefined) await writeFile(opts.certOut, cert);
  const app = buildServer({ core, admin, token: opts.token, key, cert });
  const host = opts.host ?? '127.0.0.1';
  await app.listen({ port: opts.port ?? 0, host });
  const { port } = app.server.address() as AddressInfo;
  const url = `https://${host}:${port}`;
  core.idp.start(url);
  return { url, port, certPem: cert, token: opts.token, authority: core.idp.authority, admin, close: () => app.close() };
}

export { SandboxAdmin } from './admin';
export type { EventState, FolderState, MessageState, SandboxState, TaskState, TodoListState } from './admin';
export { DEFAULT_CONFIG, type SandboxConfig } from './core';
export type { FaultSpec, FaultState } from './faults';
export { GRAPH_SCOPES, SANDBOX_CLIENT_ID, SANDBOX_PASSWORD, SANDBOX_TENANT_ID, type IdpOptions, type IdpState, type SandboxIdp } from './idp';
export { MailboxFileError, type MailboxFile } from './mailbox-file';
export type { LogEntry, RequestStats } from './request-log';
