/**
 * `/activities` — the activities window: a quicksearch (*Not assigned imported mails* first, *This import* when
 * the address names a run: the tray notice's and the wizard's link) with how many each holds, a search over
 * subject and sender, and the list (sort and filter per column, read from the store a page at a time). An
 * unknown sender is fixed in place; the lists and counts are read again after it.
 */
import { Button, Input, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Spinner, Tab, TabList, Text, makeStyles, tokens } from '@fluentui/react-components';
import { SearchRegular } from '@fluentui/react-icons';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { ActivityColumn, ActivityListName } from '../../../shared/crm/activity-list';
import { PageLayout } from '../common/PageLayout';
import { useCrmLists } from '../sync/grid/useCrmLists';
import { SenderDialogs } from '../sync/senders/SenderDialogs';
import { ActivityGrid } from './list/ActivityGrid';
import { FixedNotice } from './list/FixedNotice';
import { hasNarrowing, nextSort, offeredLists, viewFromSearchParams, type ListView } from './list/list-view';
import { useActivityCounts } from './list/useActivityCounts';
import { useActivityPages } from './list/useActivityPages';
import { useActivitySenderFixes } from './list/useActivitySenderFixes';

const useStyles = makeStyles({
  bar: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalM },
  search: { minWidth: '320px' },
  status: { color: tokens.colorNeutralForeground3 },
});

export function ActivitiesPage() {
  const { t } = useTranslation();
  const styles = useStyles();
  const [params, setParams] = useSearchParams();
  // The address decides the list (a new tray link opens its import); the rest of the view is the page's.
  const fromAddress = useMemo(() => viewFromSearchParams(params), [params]);
  const [view, setView] = useState<ListView>(fromAddress);
  const [shownAddress, setShownAddress] = useState(fromAddress);
  if (shownAddress !== fromAddress) {
    setShownAddress(fromAddress);
    setView(fromAddress);
  }
  const pages = useActivityPages(view);
  const { counts, reload: reloadCounts } = useActivityCounts(view.runId);
  const crmLists = useCrmLists();
  const { reload: reloadPages } = pages;
  const { reload: reloadLists } = crmLists;
  const fixes = useActivitySenderFixes(
    useCallback(
      (fix) => {
        reloadPages();
        reloadCounts();
        if (fix.kind === 'created') reloadLists();
      },
      [reloadPages, reloadCounts, reloadLists],
    ),
  );

  const chooseList = (list: ActivityListName) => {
    const next = new URLSearchParams(params);
    next.set('list', list);
    setParams(next);
  };
  const onSort = useCallback((column: ActivityColumn) => setView((v) => ({ ...v, sort: nextSort(v.sort, column) })), []);
  const onFilter = useCallback((column: ActivityColumn, text: string) => setView((v) => ({ ...v, filters: { ...v.filters, [column]: text } })), []);
  const listName = t(`activities.lists.${view.list}`);

  return (
    <PageLayout title={t('activities.title')}>
      <TabList selectedValue={view.list} onTabSelect={(_event, data) => chooseList(data.value as ActivityListName)} aria-label={t('activities.lists.label')}>
        {offeredLists(view.runId).map((list) => {
          const count = counts?.[list];
          const name = t(`activities.lists.${list}`);
          return (
            <Tab key={list} value={list} data-list={list}>
              {count === null || count === undefined ? name : t('activities.listCount', { list: name, count })}
            </Tab>
          );
        })}
      </TabList>
      {view.list === 'imported-mails' && counts !== null && counts['imported-mails'] === null && (
        <MessageBar intent="warning">
          <MessageBarBody>{t('activities.noEmployee')}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.bar}>
        <Input
          className={styles.search}
          contentBefore={<SearchRegular />}
          type="search"
          value={view.search}
          placeholder={t('activities.searchPlaceholder')}
          aria-label={t('activities.searchLabel')}
          onChange={(_event, data) => setView((v) => ({ ...v, search: data.value }))}
        />
        {pages.status === 'ready' && (
          <Text role="status" className={styles.status}>
            {pages.hasMore ? t('activities.shown', { count: pages.rows.length }) : t('activities.allShown', { count: pages.rows.length })}
          </Text>
        )}
        {pages.loadingMore && <Spinner size="extra-tiny" label={t('activities.loadingMore')} labelPosition="after" />}
      </div>
      <FixedNotice fix={fixes.done} onDismiss={fixes.dismiss} />
      {pages.status === 'failed' && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t('activities.failed')}</MessageBarTitle>
            {pages.error?.message}
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={pages.reload}>{t('activities.retry')}</Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {pages.status === 'loading' && <Spinner size="small" labelPosition="after" label={t('activities.loading')} />}
      {pages.status === 'ready' && (
        <ActivityGrid
          label={t('activities.tableLabel', { list: listName })}
          rows={pages.rows}
          view={view}
          hasMore={pages.hasMore}
          onSort={onSort}
          onFilter={onFilter}
          onLoadMore={pages.loadMore}
          onSenderAction={fixes.onAction}
        />
      )}
      {pages.status === 'ready' && pages.rows.length === 0 && (
        <MessageBar intent="info">
          <MessageBarBody>{hasNarrowing(view) ? t('activities.noMatch') : t('activities.empty')}</MessageBarBody>
          {hasNarrowing(view) && (
            <MessageBarActions>
              <Button onClick={() => setView((v) => ({ ...v, search: '', filters: {} }))}>{t('activities.clearFilters')}</Button>
            </MessageBarActions>
          )}
        </MessageBar>
      )}
      <SenderDialogs request={fixes.request} index={crmLists.index} onClose={fixes.close} onFixed={fixes.onFixed} />
    </PageLayout>
  );
}
