/**
 * The composition root: one CompanionService implements every call of the contract by wiring the CRM store,
 * the groupware provider and the sync engine together. Desktop (ipcMain), browser mode (WebSocket host) and
 * tests all get the same object; only the front door differs.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import packageJson from '../../package.json' with { type: 'json' };
import { contract, type Contract } from '../../shared/contract';
import type { ServiceOf } from '../../shared/ipc/contract-kit';
import { openCrmStore } from '../crm/store';
import { importCrmData } from '../crm/import';
import { createEventHub, type EventHub } from '../host/dispatch';

export interface GroupwareConnection {
  /** Graph server root (https://graph.microsoft.com or the sandbox); the client adds /v1.0. */
  url: string;
  token: string;
  /** Extra CA certificate (PEM file) to trust, e.g. the sandbox's or a corporate TLS proxy's. */
  ca?: string;
}

export interface CompanionServiceOptions {
  dataDir: string;
  mode: 'desktop' | 'browser';
  demo?: boolean;
  groupware?: GroupwareConnection;
  /** CRM master data to load at start (the demo's); an upsert, so a restart changes nothing. */
  crmSeed?: unknown;
}

export interface CompanionServiceHandle {
  service: ServiceOf<Contract>;
  events: EventHub<Contract>;
  close(): Promise<void>;
}

export async function createCompanionService(opts: CompanionServiceOptions): Promise<CompanionServiceHandle> {
  mkdirSync(opts.dataDir, { recursive: true });
  const store = await openCrmStore(path.join(opts.dataDir, 'crm.sqlite'));
  if (opts.crmSeed !== undefined) await importCrmData(store, opts.crmSeed);
  const events = createEventHub(contract);

  const service: ServiceOf<Contract> = {
    'app.info': async () => ({
      name: packageJson.productName,
      version: packageJson.version,
      mode: opts.mode,
      demo: opts.demo ?? false,
      groupware: { url: opts.groupware?.url ?? null },
      crm: await store.counts(),
    }),
  };

  return {
    service,
    events,
    close: () => store.close(),
  };
}
