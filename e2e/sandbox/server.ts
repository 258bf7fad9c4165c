import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { registerAdminRoutes, type SandboxAdmin } from './admin';
import { runBatch, type BatchPart, type BatchPartResult } from './batch';
import type { SandboxCore } from './core';
import { errorBody, GraphError } from './errors';
import { parsePrefer, parseQuery } from './odata';
import { JSON_TYPE } from './responses';
import { normalizePath, Router, type GraphRequest, type GraphResponse } from './router';
import { attachmentRoutes } from './routes/attachments';
import { folderRoutes } from './routes/folders';
import { messageRoutes } from './routes/messages';

// The HTTPS front: bearer check, request ids, one catch-all under /v1.0 that runs the Graph pipeline
// (fault → throttle → latency → handler), $batch parts re-entering that pipeline through app.inject().

export interface ServerOptions { core: SandboxCore; admin: SandboxAdmin; token: string; key: string; cert: string }

/** Marks in-process $batch parts; the nonce keeps outside clients from posing as one. */
const PART_HEADER = 'x-sandbox-batch-part';
const HOP_HEADERS = new Set(['content-length', 'connection', 'keep-alive', 'transfer-encoding', 'date']);

const titleCase = (h: string) => h.replace(/(^|-)([a-z])/g, (_, d: string, c: string) => d + c.toUpperCase());
const headerValue = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

const asGraphError = (e: unknown): GraphError =>
  e instanceof GraphError ? e : new GraphError(500, 'InternalServerError', e instanceof Error ? e.message : String(e));

export function buildServer({ core, admin, token, key, cert }: ServerOptions): FastifyInstance {
  const app = Fastify({
    https: { key, cert }, logger: false, genReqId: () => randomUUID(), bodyLimit: 160 * 1024 * 1024, forceCloseConnections: true,
    routerOptions: { maxParamLength: 1000 },
  });
  const nonce = randomUUID();
  const router = new Router();
  folderRoutes(router);
  messageRoutes(router);
  attachmentRoutes(router);

  // Binary and unknown bodies arrive as Buffers; handlers that want JSON say so. An empty JSON body (a DELETE
  // sent with Content-Type: application/json) is no body, as Graph treats it.
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    if (typeof body !== 'string' || body.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(body));
    } catch (e) {
      done(Object.assign(new Error(`Invalid JSON body: ${e instanceof Error ? e.message : String(e)}`), { statusCode: 400 }), undefined);
    }
  });

  const ids = (request: FastifyRequest) => ({ requestId: request.id, clientRequestId: headerValue(request.headers['client-request-id']) ?? request.id });

  const sendError = (request: FastifyRequest, reply: FastifyReply, status: number, code: string, message: string, headers: Record<string, string> = {}) => {
    const { requestId, clientRequestId } = ids(request);
    return reply.code(status).headers(headers).type('application/json').send(JSON.stringify(errorBody(code, message, requestId, clientRequestId)));
  };

  app.addHook('onRequest', async (request, reply) => {
    const { requestId, clientRequestId } = ids(request);
    reply.header('request-id', requestId).header('client-request-id', clientRequestId);
    if (!request.url.startsWith('/v1.0/') && !request.url.startsWith('/_sandbox/')) return;
    const m = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '');
    if (m?.[1] === token) return;
    return sendError(request, reply, 401, 'InvalidAuthenticationToken', m ? 'Access token validation failure. Invalid audience.' : 'Access token is empty.', {
      'WWW-Authenticate': 'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"',
    });
  });

  app.setErrorHandler((err: Error & { statusCode?: number }, request, reply) => {
    const status = err.statusCode ?? 500;
    const code = status === 415 ? 'UnsupportedMediaType' : status === 413 ? 'RequestEntityTooLarge' : status < 500 ? 'BadRequest' : 'InternalServerError';
    return sendError(request, reply, status, code, err.message);
  });
  app.setNotFoundHandler((request, reply) => sendError(request, reply, 404, 'ResourceNotFound', `Resource not found: ${request.method} ${request.url.split('?')[0] ?? ''}`));

  const runPart = async (part: BatchPart, envelope: FastifyRequest): Promise<BatchPartResult> => {
    const rel = part.url.replace(/^https?:\/\/[^/]+/i, '').replace(/^\/?(v1\.0\/)?/i, '/');
    const isJson = Object.entries(part.headers).some(([k, v]) => k.toLowerCase() === 'content-type' && /json/i.test(v));
    const payload = part.body === undefined ? undefined : isJson || typeof part.body !== 'string' ? JSON.stringify(part.body) : Buffer.from(part.body, 'base64');
    const res = await app.inject({
      method: part.method as 'GET', url: `/v1.0${rel}`, payload,
      headers: { ...part.headers, authorization: envelope.headers.authorization ?? '', host: envelope.headers.host ?? '', [PART_HEADER]: nonce },
    });
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.headers)) if (!HOP_HEADERS.has(k) && v !== undefined) headers[titleCase(k)] = String(v);
    const type = String(res.headers['content-type'] ?? '');
    const body = res.statusCode === 204 || res.rawPayload.length === 0 ? undefined : /json/i.test(type) ? (JSON.parse(res.payload) as unknown) : res.rawPayload.toString('base64');
    return { id: part.id, status: res.statusCode, headers, ...(body === undefined ? {} : { body }) };
  };

  const graph = async (request: FastifyRequest, reply: FastifyReply) => {
    const started = Date.now();
    const isPart = request.headers[PART_HEADER] === nonce;
    const url = request.raw.url ?? request.url;
    const q = url.indexOf('?');
    const rawPath = q < 0 ? url : url.slice(0, q);
    const prefer = parsePrefer(request.headers.prefer);
    let isBatch = false;
    let res: GraphResponse | GraphError;
    try {
      const segs = normalizePath(rawPath.replace(/^\/v1\.0\//, ''), core.mailbox.user);
      isBatch = segs.length === 1 && segs[0] === '$batch' && !isPart;
      if (isBatch) {
        if (request.method !== 'POST') throw new GraphError(405, 'BadRequest', 'Batch requests must use POST.');
        // The envelope is not an Outlook request: only its parts are faulted and throttled (§8).
        res = await runBatch(request.body, part => runPart(part, request), core.config.batchConcurrency);
      } else {
        const { handler, params } = router.match(request.method, segs);
        const req: GraphRequest = {
          method: request.method, params, query: parseQuery(q < 0 ? '' : url.slice(q)), headers: request.headers, prefer,
          view: { idMode: prefer.immutableId ? 'immutable' : 'rest', bodyType: prefer.bodyType ?? 'html' },
          body: request.body, origin: `https://${request.headers.host ?? request.hostname}`, rawPath, core,
        };
        res = await core.operation(async () => handler(req));
      }
    } catch (e) {
      res = asGraphError(e);
    }
    const { requestId } = ids(request);
    core.log.record({
      at: new Date(started).toISOString(), method: request.method, url, status: res.status, ms: Date.now() - started, batchPart: isPart,
      requestId, clientRequestId: headerValue(request.headers['client-request-id']), authorized: true,
    }, isBatch);
    // "Apply the change, lose the answer": the handler ran, the client sees a dead connection.
    if (!isPart && core.faults.takeDrop()) {
      reply.hijack();
      request.raw.socket.destroy();
      return;
    }
    if (res instanceof GraphError) return sendError(request, reply, res.status, res.code, res.message, res.headers);
    reply.code(res.status).headers(res.headers ?? {});
    if (res.raw) return reply.type(res.raw.contentType).send(res.raw.data);
    if (res.json === undefined) return reply.send();
    return reply.type(JSON_TYPE).send(JSON.stringify(res.json));
  };

  app.route({ method: ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'], url: '/v1.0/*', handler: graph });
  registerAdminRoutes(app, admin);
  return app;
}
