import { GraphError, itemNotFound } from '../errors';
import { text } from '../json';
import { renderAttachment } from '../render';
import { listPage, metadata, ok, userSegment } from '../responses';
import type { GraphRequest, Router } from '../router';
import type { Attachment } from '../store';
import { MESSAGE_PATHS, pathMessage } from './messages';

// Attachments of a message (graph-subset §3.3).

function pathAttachment(req: GraphRequest): Attachment {
  const a = pathMessage(req).attachments.find(x => x.id === req.params.aid);
  if (!a) throw itemNotFound();
  return a;
}

const context = (req: GraphRequest) => `${userSegment(req)}/messages('${req.params.id ?? ''}')/attachments`;

export function attachmentRoutes(r: Router): void {
  // `/attachments` ignores $filter (known issue, §3.3); fileAttachments come with contentBytes.
  r.add('GET', MESSAGE_PATHS('/attachments'), req => listPage(req, pathMessage(req).attachments, a => renderAttachment(a, true), context(req)));
  r.add('GET', MESSAGE_PATHS('/attachments/{aid}'), req => ok({ '@odata.context': metadata(req, `${context(req)}/$entity`), ...renderAttachment(pathAttachment(req), true) }));
  r.add('GET', MESSAGE_PATHS('/attachments/{aid}/$value'), req => {
    const a = pathAttachment(req);
    if (a.odataType === '#microsoft.graph.referenceAttachment') {
      // Documented as 405 (attachment-get.md); the error code is the sandbox's choice.
      throw new GraphError(405, 'ErrorInvalidRequest', 'Getting the raw contents of a reference attachment is not supported.');
    }
    if (a.odataType === '#microsoft.graph.itemAttachment') {
      return { status: 200, raw: { contentType: 'text/plain', data: `Subject: ${text(a.props.name)}\r\nMIME-Version: 1.0\r\n\r\n` } };
    }
    return { status: 200, raw: { contentType: text(a.props.contentType ?? 'application/octet-stream'), data: a.bytes ?? Buffer.alloc(0) } };
  });
}
