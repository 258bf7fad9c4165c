/**
 * What Outlook's folders and the server had to say before the import: one warning per import folder that is
 * not imported from (its name breaks `CRM <Description> [<Status>]` or names an unknown status; the server's
 * sentence says which, under the folder's path), then any other warning the server gave.
 */
import { MessageBar, MessageBarBody, MessageBarTitle, makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { CandidateList } from '../../../shared/sync/mail-import-types';

const useStyles = makeStyles({ list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS } });

export function FolderWarnings({ list }: { list: CandidateList }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const invalidFolders = list.folders.filter((folder) => folder.problem !== null);
  // The server may repeat a folder's problem among its warnings; say it once.
  const folderMessages = new Set(invalidFolders.map((folder) => folder.problem?.message));
  const otherWarnings = list.warnings.filter((warning) => !folderMessages.has(warning.message));
  if (invalidFolders.length === 0 && otherWarnings.length === 0) return null;

  return (
    <div className={styles.list}>
      {invalidFolders.map((folder) => (
        <MessageBar key={folder.id} intent="warning" layout="multiline" data-folder={folder.displayName}>
          <MessageBarBody>
            {/* The server's sentence names the folder and what is wrong; the title is where to find it. */}
            <MessageBarTitle>{folder.path}</MessageBarTitle>
            {folder.problem?.message}
          </MessageBarBody>
        </MessageBar>
      ))}
      {otherWarnings.map((warning, index) => (
        <MessageBar key={`${warning.code}-${index}`} intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t('sync.warnings')}</MessageBarTitle>
            {warning.message}
          </MessageBarBody>
        </MessageBar>
      ))}
    </div>
  );
}
