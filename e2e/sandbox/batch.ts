import { z } from 'zod';
import { badRequest } from './errors';
import type { GraphResponse } from './router';

// JSON batching (graph-subset §8): validation of the envelope, dependsOn ordering with 424 for failed
// dependencies, at most `concurrency` parts at once. Parts run through the normal Graph pipeline (server.ts),
// so each part is throttled, faulted and logged like a request of its own.

export interface BatchPart { id: string; method: string; url: string; headers: Record<string, string>; body?: unknown }
export interface BatchPartResult { id: string; status: number; headers: Record<string, string>; body?: unknown }

const partSchema = z.object({
  id: z.string().min(1),
  method: z.string().toUpperCase().pipe(z.enum(['GET', 'POST', 'PATCH', 'PUT', 'DELETE'])),
  url: z.string().min(1),
  headers: z.record(z.string(), z.string()).optional(),
  body: z.unknown().optional(),
  dependsOn: z.array(z.string()).optional(),
});
const batchSchema = z.object({ requests: z.array(partSchema).min(1) });
type Part = z.infer<typeof partSchema>;

export const MAX_BATCH = 20;

function validate(body: unknown): Part[] {
  const r = batchSchema.safeParse(body);
  if (!r.success) throw badRequest(`Invalid batch payload format: ${r.error.issues.map(i => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const parts = r.data.requests;
  // The error body for >20 parts is undocumented (§13); Graph's SDK refuses client-side with this wording.
  if (parts.length > MAX_BATCH) throw badRequest(`Maximum requests limit exceeded, Max allowed number of requests are ${MAX_BATCH}.`);
  const ids = new Set<string>();
  for (const p of parts) {
    const key = p.id.toLowerCase();
    if (ids.has(key)) throw badRequest(`Invalid batch payload format: request id '${p.id}' is duplicated (ids compare case-insensitively).`);
    ids.add(key);
  }
  for (const p of parts) {
    if (p.body !== undefined && !Object.keys(p.headers ?? {}).some(h => h.toLowerCase() === 'content-type')) {
      throw badRequest(`Invalid batch payload format: request '${p.id}' has a body but no Content-Type header.`);
    }
    for (const d of p.dependsOn ?? []) {
      if (!ids.has(d.toLowerCase()) || d.toLowerCase() === p.id.toLowerCase()) throw badRequest(`Invalid batch payload format: request '${p.id}' depends on unknown request '${d}'.`);
    }
  }
  // dependsOn must not loop: peel off parts whose dependencies are all peeled.
  const done = new Set<string>();
  for (let progressed = true; progressed;) {
    progressed = false;
    for (const p of parts) {
      if (!done.has(p.id.toLowerCase()) && (p.dependsOn ?? []).every(d => done.has(d.toLowerCase()))) { done.add(p.id.toLowerCase()); progressed = true; }
    }
  }
  if (done.size !== parts.length) throw badRequest('Invalid batch payload format: dependsOn forms a cycle.');
  return parts;
}

export async function runBatch(body: unknown, run: (part: BatchPart) => Promise<BatchPartResult>, concurrency: number): Promise<GraphResponse> {
  const pending = validate(body);
  const status = new Map<string, number>();
  const responses: BatchPartResult[] = [];
  let running = 0;
  await new Promise<void>(resolve => {
    const pump = () => {
      for (let progressed = true; progressed;) {
        progressed = false;
        for (const part of [...pending]) {
          const deps = (part.dependsOn ?? []).map(d => d.toLowerCase());
          if (deps.some(d => !status.has(d))) continue;
          if (deps.some(d => (status.get(d) ?? 0) >= 400)) {
            pending.splice(pending.indexOf(part), 1);
            status.set(part.id.toLowerCase(), 424);
            responses.push({ id: part.id, status: 424, headers: { 'Content-Type': 'application/json' }, body: { error: { code: 'FailedDependency', message: 'A request this request depends on failed.' } } });
            progressed = true;
            continue;
          }
          if (running >= concurrency) continue;
          pending.splice(pending.indexOf(part), 1);
          running++;
          progressed = true;
          void run({ id: part.id, method: part.method, url: part.url, headers: part.headers ?? {}, body: part.body })
            .catch((e: unknown): BatchPartResult => ({ id: part.id, status: 500, headers: {}, body: { error: { code: 'InternalServerError', message: String(e) } } }))
            .then(res => {
              status.set(part.id.toLowerCase(), res.status);
              responses.push(res);
              running--;
              pump();
            });
        }
      }
      if (pending.length === 0 && running === 0) resolve();
    };
    pump();
  });
  return { status: 200, json: { responses } };
}
