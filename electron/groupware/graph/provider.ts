/** The Microsoft Graph driver of MailProvider: composes the modules of this folder over one GraphHttp. */
import type { MailFolderRef, MailProvider } from '../mail-provider';
import type { GraphHttp } from './client';
import { syncMessageDelta } from './delta';
import { ensureArchiveFolder, listFoldersBelow, listInboxFolders } from './folders';
import { fetchBody, fetchDetails, fetchMessages, moveMessages, readActivityStamp, stampMessages } from './messages';

export interface GraphMailProviderOptions {
  /** `Prefer: odata.maxpagesize` for delta rounds (default 100). */
  deltaPageSize?: number | undefined;
}

export function createGraphMailProvider(http: GraphHttp, options: GraphMailProviderOptions = {}): MailProvider {
  // The archive folder's id does not change (folder ids are stable, graph-subset §1.2): look it up once.
  let archive: Promise<MailFolderRef> | undefined;
  return {
    providerName: 'graph',
    listInboxFolders: (o) => listInboxFolders(http, o?.signal),
    listFoldersBelow: (root, o) => listFoldersBelow(http, root, o?.signal),
    ensureArchiveFolder: (o) => {
      archive ??= ensureArchiveFolder(http, o?.signal).catch((error: unknown) => {
        archive = undefined; // a failed lookup is asked again next time
        throw error;
      });
      return archive;
    },
    syncFolder: (folderId, o) => syncMessageDelta(http, folderId, { ...o, pageSize: options.deltaPageSize }),
    fetchDetails: (ids, o) => fetchDetails(http, ids, o),
    fetchBody: (id, o) => fetchBody(http, id, o),
    fetchMessages: (ids, o) => fetchMessages(http, ids, o),
    stampMessages: (stamps, o) => stampMessages(http, stamps, o),
    moveMessages: (moves, o) => moveMessages(http, moves, o),
    readActivityStamp: (id, o) => readActivityStamp(http, id, o),
    close: () => http.close(),
  };
}
