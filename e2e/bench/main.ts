/**
 * Run by `npm run bench`, which bundles this file (e2e/bench/run.mjs) — or through tsx with `--worker source`.
 * `npm run bench -- [--mails N [--latency-ms MS] [--operation-ms MS] [--attachment-kb KB] [--delta-page-size N] [--worker bundle|source]] [--activities N]` —
 * the benchmarks, one entry: `--mails` runs the mail import against the Graph sandbox (mail-import-benchmark.ts;
 * `--delta-page-size` overrides the provider's delta page size, to try one out; `--worker source` runs the
 * engine's thread from the TypeScript sources through tsx instead of the desktop app's bundle), `--activities`
 * the quicksearches on a large store (quicksearch-benchmark.ts); both given, both run, mails first. Each prints
 * exactly one JSON line on stdout (the quicksearch one after its per-quicksearch lines); progress goes to
 * stderr. Missed targets are reported in the JSON, not by the exit code; bad options exit 2.
 */
import { parseArgs } from 'node:util';

const USAGE = 'usage: npm run bench -- [--mails N [--latency-ms MS] [--operation-ms MS] [--attachment-kb KB] [--delta-page-size N] [--worker bundle|source]] [--activities N] [--two-way N [--latency-ms MS]]';

function fail(message: string): never {
  process.stderr.write(`bench: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function parse() {
  try {
    return parseArgs({
      options: {
        mails: { type: 'string' },
        'latency-ms': { type: 'string', default: '20' },
        'operation-ms': { type: 'string', default: '0' },
        'attachment-kb': { type: 'string', default: '16' },
        'delta-page-size': { type: 'string' },
        worker: { type: 'string', default: 'bundle' },
        activities: { type: 'string' },
        'two-way': { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
    }).values;
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
}

function count(name: string, raw: string, min: number): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) fail(`--${name} must be an integer ≥ ${min}, got "${raw}"`);
  return value;
}

const values = parse();
if (values.help === true) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
if (values.mails === undefined && values.activities === undefined && values['two-way'] === undefined) fail('give --mails N, --activities N or --two-way N');

const progress = (line: string) => process.stderr.write(`${line}\n`);
const print = (line: string) => process.stdout.write(`${line}\n`);

if (values.worker !== 'bundle' && values.worker !== 'source') fail(`--worker must be bundle or source, got "${values.worker}"`);
if (values.mails !== undefined) {
  // Each benchmark is loaded when asked for: the mail import's process does not hold the in-process sandbox of
  // the two-way benchmark (Fastify, the identity provider) in its peak RSS.
  const { runMailImportBenchmark } = await import('./mail-import-benchmark');
  const result = await runMailImportBenchmark({
    mails: count('mails', values.mails, 1),
    latencyMs: count('latency-ms', values['latency-ms'], 0),
    operationMs: count('operation-ms', values['operation-ms'], 0),
    attachmentBytes: count('attachment-kb', values['attachment-kb'], 0) * 1024,
    deltaPageSize: values['delta-page-size'] === undefined ? undefined : count('delta-page-size', values['delta-page-size'], 1),
    worker: values.worker,
    progress,
  });
  print(JSON.stringify(result));
}
if (values.activities !== undefined) {
  const { runQuicksearchBenchmark } = await import('./quicksearch-benchmark');
  const result = await runQuicksearchBenchmark({ activities: count('activities', values.activities, 1), progress, print });
  print(JSON.stringify(result));
}
if (values['two-way'] !== undefined) {
  const { runTwoWayBenchmark } = await import('./two-way-benchmark');
  const result = await runTwoWayBenchmark({ items: count('two-way', values['two-way'], 2), latencyMs: count('latency-ms', values['latency-ms'], 0), progress });
  print(JSON.stringify(result));
}
