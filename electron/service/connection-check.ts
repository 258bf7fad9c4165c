/**
 * *Check groupware connection* over Microsoft Graph: the engine's check (electron/engine/connection-check) on a
 * client of its own, opened for the check and closed after it, so a broken account never touches the sync's
 * session. The token comes from `auth` (the app's Microsoft 365 sign-in) or the endpoint's fixed token.
 */
import type { Locale } from '../../shared/contract';
import { CompanionError } from '../../shared/ipc/contract-kit';
import type { ConnectionCheckReport } from '../../shared/sync/connection-check-types';
import type { CrmStore } from '../crm/store';
import { runConnectionCheck, type CheckTarget } from '../engine/connection-check';
import {
  ARCHIVE_FOLDER_NAME,
  defaultTaskList,
  findArchiveFolder,
  isCertificateTrouble,
  listFoldersBelow,
  listInboxFolders,
  openGraphHttp,
  readCalendarWindow,
  readMailboxUser,
  type GraphAuthProvider,
  type GraphHttp,
} from '../groupware/graph';
import { endpointAuth, type GroupwareEndpoint } from './mail-import-engine';
import { GROUPWARE_NOT_CONFIGURED } from './mail-import-access';

export interface ConnectionCheckRequest {
  lang: Locale;
  /** Where the token comes from; the endpoint's static token by default. */
  auth?: GraphAuthProvider;
  now?: () => Date;
}

/** `endpoint` undefined: no account configured — the check says so (sign-in failed, the rest skipped). */
export async function checkGroupwareConnection(store: CrmStore, endpoint: GroupwareEndpoint | undefined, request: ConnectionCheckRequest): Promise<ConnectionCheckReport> {
  // Opened by the sign-in step (after the CA file and URL are checked), closed when the check is done.
  const client: { http: GraphHttp | null } = { http: null };
  const connected = (): GraphHttp => {
    if (client.http === null) throw new Error('not signed in');
    return client.http;
  };
  const target: CheckTarget = {
    url: endpoint?.url ?? '',
    archiveFolderName: ARCHIVE_FOLDER_NAME,
    async signIn() {
      if (endpoint === undefined) throw new CompanionError(GROUPWARE_NOT_CONFIGURED, 'No Outlook account is configured.');
      const auth = request.auth ?? endpointAuth(endpoint);
      const ca = { ...(endpoint.ca !== undefined ? { ca: endpoint.ca } : {}), ...(endpoint.caPem !== undefined ? { caPem: endpoint.caPem } : {}) };
      client.http = await openGraphHttp({ url: endpoint.url, ...ca }, auth);
      return auth.getAccessToken();
    },
    readMailbox: () => readMailboxUser(connected()),
    folders: {
      listInboxFolders: (o) => listInboxFolders(connected(), o?.signal),
      listFoldersBelow: (root, o) => listFoldersBelow(connected(), root, o?.signal),
    },
    findArchiveFolder: () => findArchiveFolder(connected()),
    readCalendarWindow: (window) => readCalendarWindow(connected(), window),
    defaultTaskList: () => defaultTaskList(connected()),
    isCertificateTrouble,
  };
  try {
    return await runConnectionCheck({ store, target, lang: request.lang, ...(request.now !== undefined ? { now: request.now } : {}) });
  } finally {
    await client.http?.close();
  }
}
