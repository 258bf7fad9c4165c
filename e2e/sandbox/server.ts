import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { registerAdminRoutes, type SandboxAdmin } from './admin';
import { runBatch, type BatchPart, type BatchPartResult } from './batch';
import { sleep, type SandboxCore } from './core';
import { errorBody, GraphError } from './errors';
import { parsePrefer, parseQuery } from './odata';
import { JSON_TYPE } from './responses';
import { normalizePath, Router, type GraphRequest, type GraphResponse } from './router';
import { attachmentRoutes } from './routes/attachments';
import { eventRoutes } from './routes/events';
import { todoRoutes } from './routes/todo';
import { folderRoutes } from './routes/folders';
import { messageRoutes } from './routes/messages';

// The HTTPS front: bearer check, request ids, one catch-all under /v1.0 that runs the Graph pipeline
// (network latency → fault → throttle → operation time → handler); $batch parts run through the same pipeline
// in process (execute()), minus the network.

export interface ServerOptions { core: SandboxCore; admin: SandboxAdmin; token: string; key: string; cert: string }

/** One Graph request as execute() sees it, whether it came over HTTP or inside a $batch. */
interface Exchange {
  method: string;
  /** Path under /v1.0 with the query, as sent. */
  url: string;
  headers: IncomingHttpHeaders;
  body: unknown;
  isPart: boolean;
  requestId: string;
}

const titleCase = (h: string) => h.replace(/(^|-)([a-z])/g, (_, d: string, c: string) => d + c.toUpperCase());
const headerValue = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

const asGraphError = (e: unknown): GraphError =>
  e instanceof GraphError ? e : new GraphError(500, 'InternalServerError', e instanceof Error ? e.message : String(e));

export function buildServer({ core, admin, token, key, cert }: ServerOptions): FastifyInstance {
  const app = Fastify({
    https: { key, cert }, logger: false, genReqId: () => randomUUID(), bodyLimit: 160 * 1024 * 1024, forceCloseConnections: true,
    routerOptions: { maxParamLength: 1000 },
  });
  const router = new Router();
  folderRoutes(router);
  messageRoutes(router);
  attachmentRoutes(router);
  eventRoutes(router);
  todoRoutes(router);

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
    // The identity provider reads its own bodies: it gets the exchange before Fastify parses anything.
    if (core.idp.owns(request.url)) {
      reply.hijack();
      core.idp.handle(request.raw, reply.raw);
      return;
    }
    if (!request.url.startsWith('/v1.0/') && !request.url.startsWith('/_sandbox/')) return;
    const m = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '');
    if (m?.[1] === token) return;
    // Graph also takes the access tokens the sandbox's identity provider issued (the admin API only the static one).
    if (m?.[1] !== undefined && request.url.startsWith('/v1.0/') && await core.idp.acceptsAccessToken(m[1])) return;
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

  /** One Graph request, from the wire or from a $batch: route, fault, throttle, run, log. */
  const execute = async (ex: Exchange): Promise<GraphResponse | GraphError> => {
    const started = Date.now();
    const q = ex.url.indexOf('?');
    const rawPath = q < 0 ? ex.url : ex.url.slice(0, q);
    const prefer = parsePrefer(headerValue(ex.headers.prefer));
    let isBatch = false;
    let res: GraphResponse | GraphError;
    try {
      const segs = normalizePath(rawPath.replace(/^\/v1\.0\//, ''), core.mailbox.user);
      isBatch = segs.length === 1 && segs[0] === '$batch' && !ex.isPart;
      if (isBatch) {
        if (ex.method !== 'POST') throw new GraphError(405, 'BadRequest', 'Batch requests must use POST.');
        // The envelope is not an Outlook request: only its parts are faulted and throttled (§8).
        res = await runBatch(ex.body, part => runPart(part, ex), core.config.batchConcurrency);
      } else {
        const { handler, params } = router.match(ex.method, segs);
        const req: GraphRequest = {
          method: ex.method, params, query: parseQuery(q < 0 ? '' : ex.url.slice(q)), headers: ex.headers, prefer,
          view: { idMode: prefer.immutableId ? 'immutable' : 'rest', bodyType: prefer.bodyType ?? 'html' },
          body: ex.body, origin: `https://${headerValue(ex.headers.host) ?? '127.0.0.1'}`, rawPath, core,
        };
        res = await core.operation(async () => handler(req), `/${segs.join('/')}`);
      }
    } catch (e) {
      res = asGraphError(e);
    }
    core.log.record({
      at: new Date(started).toISOString(), method: ex.method, url: ex.url, status: res.status, ms: Date.now() - started, batchPart: ex.isPart,
      requestId: ex.requestId, clientRequestId: headerValue(ex.headers['client-request-id']), authorized: true,
    }, isBatch);
    return res;
  };

  // A part runs in process, straight through execute(): no HTTP of its own, and its JSON answer goes into the
  // batch answer as the object it is (serialized once, with the envelope). Auth came with the envelope.
  const runPart = async (part: BatchPart, envelope: Exchange): Promise<BatchPartResult> => {
    const rel = part.url.replace(/^https?:\/\/[^/]+/i, '').replace(/^\/?(v1\.0\/)?/i, '/');
    const headers: IncomingHttpHeaders = { host: envelope.headers.host };
    for (const [k, v] of Object.entries(part.headers)) headers[k.toLowerCase()] = v;
    const isJson = /json/i.test(headerValue(headers['content-type']) ?? '');
    const body = part.body === undefined || isJson || typeof part.body !== 'string' ? part.body : Buffer.from(part.body, 'base64');
    const requestId = randomUUID();
    const clientRequestId = headerValue(headers['client-request-id']) ?? requestId;
    const res = await execute({ method: part.method, url: `/v1.0${rel}`, headers, body, isPart: true, requestId });
    const answer: Record<string, string> = { 'Request-Id': requestId, 'Client-Request-Id': clientRequestId };
    if (res instanceof GraphError) {
      Object.assign(answer, res.headers, { 'Content-Type': 'application/json' });
      return { id: part.id, status: res.status, headers: answer, body: errorBody(res.code, res.message, requestId, clientRequestId) };
    }
    for (const [k, v] of Object.entries(res.headers ?? {})) answer[titleCase(k.toLowerCase())] = v;
    if (res.raw) {
      answer['Content-Type'] = res.raw.contentType;
      const data = typeof res.raw.data === 'string' ? Buffer.from(res.raw.data) : res.raw.data;
      return { id: part.id, status: res.status, headers: answer, ...(data.length === 0 ? {} : { body: data.toString('base64') }) };
    }
    if (res.json === undefined) return { id: part.id, status: res.status, headers: answer };
    answer['Content-Type'] = JSON_TYPE;
    return { id: part.id, status: res.status, headers: answer, body: res.json };
  };

  const graph = async (request: FastifyRequest, reply: FastifyReply) => {
    // The network's round trip: once per HTTP exchange, not again for the parts a $batch carries.
    if (core.faults.latencyMs > 0) await sleep(core.faults.latencyMs);
    const res = await execute({
      method: request.method, url: request.raw.url ?? request.url, headers: request.headers, body: request.body, isPart: false, requestId: ids(request).requestId,
    });
    // "Apply the change, lose the answer": the handler ran, the client sees a dead connection.
    if (core.faults.takeDrop()) {
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
