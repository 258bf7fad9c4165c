// Graph's OData error shape (graph-subset.md §10). Handlers throw GraphError; the server renders it.

export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const itemNotFound = (): GraphError =>
  new GraphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store., The process failed to get the correct properties.');

export const badRequest = (message: string, code = 'BadRequest'): GraphError => new GraphError(400, code, message);

export const syncStateNotFound = (): GraphError =>
  new GraphError(410, 'SyncStateNotFound', 'The sync state generation is not found; the delta token or skip token is no longer valid.');

/** `innerError.date` has no offset and no fraction on the wire: `2023-02-20T05:06:48`. */
export function errorBody(code: string, message: string, requestId: string, clientRequestId: string) {
  const date = new Date().toISOString().slice(0, 19);
  return { error: { code, message, innerError: { date, 'request-id': requestId, 'client-request-id': clientRequestId } } };
}
