import { z } from 'zod';
import { parseFilter } from '../filter';
import { asJsonObject } from '../json';
import { folderFeed } from '../mail-queries';
import { parseSelect } from '../odata';
import { checkSelect, KNOWN_FOLDER_PROPS, renderFolder, renderUser } from '../render';
import { linksOf, listPage, metadata, ok, parseBody, userSegment } from '../responses';
import type { GraphRequest, Router } from '../router';
import type { Folder } from '../store';

// /me and mail folders (graph-subset §1).

const newFolder = z.looseObject({ displayName: z.string().trim().min(1), isHidden: z.boolean().optional() });

function listFolders(req: GraphRequest, parent: Folder, context: string) {
  const mb = req.core.mailbox;
  const select = parseSelect(req.query.get('$select'));
  checkSelect(select, KNOWN_FOLDER_PROPS, 'mailFolder');
  const hidden = req.query.get('includehiddenfolders')?.toLowerCase() === 'true';
  const filterText = req.query.get('$filter');
  const filter = filterText === undefined ? undefined : parseFilter(filterText);
  const folders = mb.children(parent.id)
    .filter(f => hidden || !f.isHidden)
    .filter(f => !filter || filter.test({ get: ([p]) => renderFolder(mb, f)[p ?? ''] }));
  return listPage(req, folders, f => renderFolder(mb, f, select), context);
}

function createFolder(req: GraphRequest, parent: Folder) {
  const mb = req.core.mailbox;
  const { displayName, isHidden, ...extra } = parseBody(newFolder, req.body);
  const f = mb.createFolder(parent, displayName, isHidden ?? false, asJsonObject(extra));
  // The docs' example prints 200, the text says 201 Created (§1.4).
  return ok({ '@odata.context': metadata(req, `${userSegment(req)}/mailFolders/$entity`), ...renderFolder(mb, f) }, 201);
}

export function folderRoutes(r: Router): void {
  r.add('GET', 'me', req => {
    const select = parseSelect(req.query.get('$select'));
    return ok({ '@odata.context': metadata(req, select ? `users(${select.join(',')})/$entity` : 'users/$entity'), ...renderUser(req.core.mailbox.user, select) });
  });

  r.add('GET', 'me/mailFolders/delta', req => {
    const page = req.core.delta.page({
      scope: 'mailFolders', query: req.query, pageSize: Math.min(req.prefer.maxPageSize ?? 10, req.core.config.maxPageSize),
      seq: req.core.mailbox.seq, feed: folderFeed(req.core.mailbox), ctx: undefined, link: `${req.origin}/v1.0/me/mailFolders/delta`,
    });
    return ok({ '@odata.context': metadata(req, 'Collection(mailFolder)'), ...linksOf(page), value: page.value });
  });

  r.add('GET', 'me/mailFolders', req => listFolders(req, req.core.mailbox.root, `${userSegment(req)}/mailFolders`));
  r.add('POST', 'me/mailFolders', req => createFolder(req, req.core.mailbox.root));

  r.add('GET', 'me/mailFolders/{fid}', req => {
    const mb = req.core.mailbox;
    const select = parseSelect(req.query.get('$select'));
    checkSelect(select, KNOWN_FOLDER_PROPS, 'mailFolder');
    return ok({ '@odata.context': metadata(req, `${userSegment(req)}/mailFolders/$entity`), ...renderFolder(mb, mb.requireFolder(req.params.fid ?? ''), select) });
  });

  r.add('GET', 'me/mailFolders/{fid}/childFolders', req => {
    const parent = req.core.mailbox.requireFolder(req.params.fid ?? '');
    return listFolders(req, parent, `${userSegment(req)}/mailFolders('${parent.id}')/childFolders`);
  });
  r.add('POST', 'me/mailFolders/{fid}/childFolders', req => createFolder(req, req.core.mailbox.requireFolder(req.params.fid ?? '')));
}
