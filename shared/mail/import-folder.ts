/**
 * DESIGN §3 "Mail import": the mails come from the folder *Import folder* directly under the Inbox. Its name is
 * exact, like the `CRM ` prefix of its subfolders; a folder that misses it only by case or spelling
 * ("import Folder", "Import-Folder") is not used but named in the message, so the user sees what to rename.
 * White space around the name is ignored, as for the subfolders (folder-name.ts).
 */
import { IMPORT_FOLDER_NAME, type FolderNameProblem } from './folder-name';

export type ImportFolderLookup<T> = { ok: true; folder: T } | { ok: false; problem: FolderNameProblem };

/** Picks *Import folder* among the Inbox's direct child folders. */
export function findImportFolder<T extends { displayName: string }>(inboxChildren: readonly T[]): ImportFolderLookup<T> {
  const exact = inboxChildren.find((folder) => folder.displayName.trim() === IMPORT_FOLDER_NAME);
  if (exact !== undefined) return { ok: true, folder: exact };

  const caseOnly = inboxChildren.find((folder) => folder.displayName.trim().toLowerCase() === IMPORT_FOLDER_NAME.toLowerCase());
  if (caseOnly !== undefined) return nearMiss('IMPORT_FOLDER_NAME_CASE', caseOnly.displayName);

  const spelling = inboxChildren.find((folder) => squeezed(folder.displayName) === squeezed(IMPORT_FOLDER_NAME));
  if (spelling !== undefined) return nearMiss('IMPORT_FOLDER_NAME_SPELLING', spelling.displayName);

  return { ok: false, problem: { code: 'IMPORT_FOLDER_MISSING', folder: IMPORT_FOLDER_NAME } };
}

function nearMiss(code: 'IMPORT_FOLDER_NAME_CASE' | 'IMPORT_FOLDER_NAME_SPELLING', folder: string): ImportFolderLookup<never> {
  return { ok: false, problem: { code, folder } };
}

/** "Import-Folder", "import_folder", "Importfolder", "Import  folder" → "importfolder". */
function squeezed(name: string): string {
  return name.toLowerCase().replace(/[\s_-]+/gu, '');
}
