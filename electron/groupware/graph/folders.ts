/**
 * Folder discovery (graph-subset §1): the Inbox's child folders (the engine picks "Import folder" among them by
 * the shared rule), every folder below a folder (childFolders lists direct children only, paged, so the tree
 * is walked), and the archive folder imported mail is moved to.
 */
import type { z } from 'zod';
import { isGroupwareError } from '../errors';
import type { ImportSubfolder, MailFolderRef } from '../mail-provider';
import type { GraphHttp } from './client';
import { parseWire, wireFolder, wirePage, type WireFolder } from './wire';

/** One folder whose display name contains the slashes (DESIGN §3), directly under the Inbox. */
export const ARCHIVE_FOLDER_NAME = 'CARMEN/EVI/TINA activities';

const FOLDER_SELECT = 'id,displayName,parentFolderId,childFolderCount';
const folderPage = wirePage(wireFolder);

/** Direct children of a folder (id or well-known name), every page. Hidden folders only when asked. */
export async function listChildFolders(
  http: GraphHttp,
  parent: string,
  options: { includeHidden?: boolean; signal?: AbortSignal | undefined } = {},
): Promise<WireFolder[]> {
  const hidden = options.includeHidden === true ? '&includeHiddenFolders=true' : '';
  let url: string | undefined = `/me/mailFolders/${encodeURIComponent(parent)}/childFolders?$select=${FOLDER_SELECT}&$top=100${hidden}`;
  const folders: WireFolder[] = [];
  while (url !== undefined) {
    const page: z.infer<typeof folderPage> = parseWire(folderPage, await http.get(url, { signal: options.signal }), `listing the folders below ${parent}`);
    folders.push(...page.value);
    url = page['@odata.nextLink'];
  }
  return folders;
}

/** The Inbox's visible child folders. Which of them is "Import folder" is the engine's rule (shared/mail). */
export async function listInboxFolders(http: GraphHttp, signal?: AbortSignal): Promise<MailFolderRef[]> {
  return (await listChildFolders(http, 'inbox', { signal })).map((folder) => ({ id: folder.id, displayName: folder.displayName }));
}

/** Every visible folder below `root`, at any depth. */
export function listFoldersBelow(http: GraphHttp, root: MailFolderRef, signal?: AbortSignal): Promise<ImportSubfolder[]> {
  return foldersBelow(http, { id: root.id, displayName: root.displayName }, [root.displayName], signal);
}

/** Depth-first, parents before their children; siblings are listed in parallel (the client limits in-flight). */
async function foldersBelow(http: GraphHttp, parent: Pick<WireFolder, 'id' | 'displayName' | 'childFolderCount'>, path: string[], signal: AbortSignal | undefined): Promise<ImportSubfolder[]> {
  // childFolderCount 0 saves a request per leaf; when Graph leaves the count out, ask.
  if (parent.childFolderCount === 0) return [];
  const children = await listChildFolders(http, parent.id, { signal });
  const subtrees = await Promise.all(
    children.map(async (child): Promise<ImportSubfolder[]> => {
      const childPath = [...path, child.displayName];
      const node: ImportSubfolder = { id: child.id, displayName: child.displayName, parentId: parent.id, path: childPath };
      return [node, ...(await foldersBelow(http, child, childPath, signal))];
    }),
  );
  return subtrees.flat();
}

/**
 * Finds the archive folder under the Inbox or creates it. Outlook compares folder names case-insensitively;
 * a create that races another client (or meets a hidden twin) answers ErrorFolderExists (409, sometimes 400):
 * then the folder is there, so list again, hidden ones included, and reuse it.
 */
export async function ensureArchiveFolder(http: GraphHttp, signal?: AbortSignal): Promise<MailFolderRef> {
  const existing = await findArchiveFolder(http, signal);
  if (existing !== null) return existing;
  try {
    const answer = await http.post('/me/mailFolders/inbox/childFolders', { displayName: ARCHIVE_FOLDER_NAME, isHidden: false }, { signal });
    const created = parseWire(wireFolder, answer, 'creating the archive folder');
    return { id: created.id, displayName: created.displayName };
  } catch (error) {
    if (!isGroupwareError(error) || error.code?.toLowerCase() !== 'errorfolderexists') throw error;
    const raced = (await listChildFolders(http, 'inbox', { includeHidden: true, signal })).find(isArchiveFolder);
    if (raced === undefined) throw error;
    return { id: raced.id, displayName: raced.displayName };
  }
}

/** The archive folder under the Inbox, or null while it does not exist yet (read only: the connection check). */
export async function findArchiveFolder(http: GraphHttp, signal?: AbortSignal): Promise<MailFolderRef | null> {
  const existing = (await listChildFolders(http, 'inbox', { signal })).find(isArchiveFolder);
  return existing === undefined ? null : { id: existing.id, displayName: existing.displayName };
}

function isArchiveFolder(folder: WireFolder): boolean {
  return folder.displayName.toLowerCase() === ARCHIVE_FOLDER_NAME.toLowerCase();
}
