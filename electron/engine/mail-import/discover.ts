/**
 * Which folders the import reads (DESIGN §3): "Import folder" directly under the Inbox (the shared rule picks it
 * and names near misses), and every folder below it, at any depth, whose own name follows
 * `CRM <Description> [<Status>]` with a status key the CRM knows. The others are reported in words; their mails
 * stay untouched.
 */
import type { Kysely } from 'kysely';
import { folderProblemMessage, parseImportFolderName, type FolderNameProblem } from '../../../shared/mail/folder-name';
import { findImportFolder } from '../../../shared/mail/import-folder';
import type { ImportFolderReport, Problem } from '../../../shared/sync/mail-import-types';
import type { CrmDatabase } from '../../crm/schema';
import type { MailProvider } from '../../groupware/mail-provider';
import type { Lang } from './texts';

/** A folder the import reads, with the status it gives its mails (null: Import folder itself → status I). */
export interface ImportSource {
  id: string;
  displayName: string;
  /** Below the Inbox: `Import folder/CRM Erledigt [E]`. */
  path: string;
  status: string | null;
}

export interface Discovery {
  reports: ImportFolderReport[];
  /** The valid sources by folder id. */
  sources: Map<string, ImportSource>;
  warnings: Problem[];
  /** The reported folders' problems as the grammar found them, by folder id (the connection check's fixes use their example names). */
  nameProblems: Map<string, FolderNameProblem>;
}

/** What discovery reads of a provider: the connection check passes the same provider as the import. */
export type FolderLister = Pick<MailProvider, 'listInboxFolders' | 'listFoldersBelow'>;

export async function discoverImportFolders(provider: FolderLister, db: Kysely<CrmDatabase>, lang: Lang, signal?: AbortSignal): Promise<Discovery> {
  const problem = (p: FolderNameProblem): Problem => ({ code: p.code, message: folderProblemMessage(p, lang) });
  const inboxChildren = await provider.listInboxFolders(signal === undefined ? {} : { signal });
  const lookup = findImportFolder(inboxChildren);
  if (!lookup.ok) {
    // A near miss ("import Folder") is listed with its problem, so the wizard can show which folder to rename.
    const nearMiss = lookup.problem.code === 'IMPORT_FOLDER_MISSING' ? undefined : lookup.problem.folder;
    const folder = inboxChildren.find((f) => f.displayName === nearMiss);
    const reports: ImportFolderReport[] =
      folder === undefined ? [] : [{ id: folder.id, path: folder.displayName, displayName: folder.displayName, status: null, problem: problem(lookup.problem) }];
    const nameProblems = new Map(folder === undefined ? [] : [[folder.id, lookup.problem]]);
    return { reports, sources: new Map(), warnings: [problem(lookup.problem)], nameProblems };
  }

  const root = lookup.folder;
  const statusKeys = new Set((await db.selectFrom('status_keys').select('key').execute()).map((row) => row.key));
  const sources = new Map<string, ImportSource>([[root.id, { id: root.id, displayName: root.displayName, path: root.displayName, status: null }]]);
  const reports: ImportFolderReport[] = [{ id: root.id, path: root.displayName, displayName: root.displayName, status: null, problem: null }];
  const warnings: Problem[] = [];
  const nameProblems = new Map<string, FolderNameProblem>();
  for (const folder of await provider.listFoldersBelow(root, signal === undefined ? {} : { signal })) {
    const path = folder.path.join('/');
    const reading = parseImportFolderName(folder.displayName, statusKeys);
    if (reading.ok) {
      sources.set(folder.id, { id: folder.id, displayName: folder.displayName, path, status: reading.status });
      reports.push({ id: folder.id, path, displayName: folder.displayName, status: reading.status, problem: null });
    } else {
      const reported = problem(reading.problem);
      reports.push({ id: folder.id, path, displayName: folder.displayName, status: null, problem: reported });
      warnings.push(reported);
      nameProblems.set(folder.id, reading.problem);
    }
  }
  return { reports, sources, warnings, nameProblems };
}
