import { describe, expect, it } from 'vitest';
import { folderProblemMessage } from './folder-name';
import { findImportFolder } from './import-folder';

const folder = (displayName: string, id = displayName) => ({ id, displayName });

describe('findImportFolder', () => {
  it('finds "Import folder" among the Inbox children', () => {
    const target = folder('Import folder', 'F-1');
    expect(findImportFolder([folder('Invoices'), target, folder('CARMEN/EVI/TINA activities')])).toEqual({ ok: true, folder: target });
  });

  it('ignores white space around the name', () => {
    const target = folder(' Import folder ');
    expect(findImportFolder([target])).toEqual({ ok: true, folder: target });
  });

  it('prefers the exact name over a near miss listed before it', () => {
    const target = folder('Import folder', 'F-2');
    expect(findImportFolder([folder('import folder', 'F-1'), target])).toEqual({ ok: true, folder: target });
  });

  it.each(['import Folder', 'IMPORT FOLDER', 'import folder'])('reports %j as a case near miss, not as the Import folder', (name) => {
    expect(findImportFolder([folder('Invoices'), folder(name)])).toEqual({
      ok: false,
      problem: { code: 'IMPORT_FOLDER_NAME_CASE', folder: name },
    });
  });

  it.each(['Import-Folder', 'Importfolder', 'import_folder', 'Import  folder'])('reports %j as a spelling near miss', (name) => {
    expect(findImportFolder([folder(name)])).toEqual({ ok: false, problem: { code: 'IMPORT_FOLDER_NAME_SPELLING', folder: name } });
  });

  it.each([[[]], [[folder('Import folders')]], [[folder('Importordner')]], [[folder('CRM Offen [O]')]]])(
    'reports the Import folder missing among %j',
    (children) => {
      expect(findImportFolder(children)).toEqual({ ok: false, problem: { code: 'IMPORT_FOLDER_MISSING', folder: 'Import folder' } });
    },
  );

  it('says so in words', () => {
    const missing = findImportFolder([]);
    const nearMiss = findImportFolder([folder('import Folder')]);
    if (missing.ok || nearMiss.ok) throw new Error('expected problems');
    expect(folderProblemMessage(missing.problem, 'en')).toBe(
      'There is no folder "Import folder" directly under your Inbox, so no mails were imported. Create it in Outlook and file the mails to import there.',
    );
    expect(folderProblemMessage(missing.problem, 'de')).toBe(
      'Direkt unter Ihrem Posteingang gibt es keinen Ordner „Import folder“, daher wurden keine E-Mails importiert. Legen Sie ihn in Outlook an und verschieben Sie die zu importierenden E-Mails dorthin.',
    );
    expect(folderProblemMessage(nearMiss.problem, 'en')).toBe(
      'There is no folder "Import folder" directly under your Inbox, only "import Folder", so no mails were imported. Rename it to "Import folder" in Outlook: upper and lower case must match.',
    );
  });
});
