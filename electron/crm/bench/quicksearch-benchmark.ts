/**
 * Measures the quicksearches on a large store (target: first page < 30 ms on a million activities).
 *   npx tsx electron/crm/bench/quicksearch-benchmark.ts [ACTIVITIES=1000000]
 * Builds a throw-away store in the system's temp directory; prints one line per quicksearch.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { importCrmData } from '../import';
import { quicksearchQuery, type Quicksearch } from '../quicksearch';
import type { NewActivity } from '../schema';
import { openCrmStore } from '../store';

const total = Number(process.argv[2] ?? 1_000_000);
const EMPLOYEES = 20;
const CONTACTS = 2_000;
const TYPES = ['MAILIN', 'MAILIN', 'MAILIN', 'MAILOUT', 'APPOINTMENT', 'MEETING', 'TASK', 'PHONE'];

const dir = mkdtempSync(path.join(tmpdir(), 'crm-bench-'));
const store = await openCrmStore(path.join(dir, 'crm.sqlite'));
try {
  await importCrmData(store, {
    employees: Array.from({ length: EMPLOYEES }, (_, i) => ({ key: `E${i}`, name: `Employee ${i}`, email: `e${i}@example.com` })),
    businessPartners: [{ key: 'BP', name: 'Partner' }],
    contactPersons: Array.from({ length: CONTACTS }, (_, i) => ({ key: `CP${i}`, name: `Contact ${i}`, businessPartner: 'BP' })),
  });

  const started = performance.now();
  const start = Date.UTC(2020, 0, 1);
  for (let first = 0; first < total; first += 10_000) {
    await store.db.transaction().execute(async (trx) => {
      const rows: NewActivity[] = [];
      for (let i = first; i < Math.min(first + 10_000, total); i++) {
        const date = new Date(start + i * 60_000).toISOString();
        const type = TYPES[i % TYPES.length] ?? 'PHONE';
        const imported = type === 'MAILIN' && i % 10 !== 0;
        rows.push({
          id: `a${i}`,
          type_key: type,
          status_key: imported ? 'I' : 'O',
          subject: `Activity ${i}`,
          date,
          responsible_employee_key: `E${i % EMPLOYEES}`,
          contact_person_key: i % 7 === 0 ? null : `CP${i % CONTACTS}`,
          origin: imported ? 'groupware' : 'crm',
          created_at: date,
          updated_at: date,
          imported_at: imported ? date : null,
          internet_message_id: imported ? `<m${i}@example.net>` : null,
        });
      }
      for (let at = 0; at < rows.length; at += 200) await trx.insertInto('activities').values(rows.slice(at, at + 200)).execute();
    });
  }
  console.log(`filled ${total} activities in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const searches: Quicksearch[] = [
    { name: 'imported-mails', employeeKey: 'E2' },
    { name: 'all-imported-mails' },
    { name: 'not-assigned-imported-mails' },
  ];
  for (const search of searches) {
    const timings: number[] = [];
    let rows = 0;
    for (let run = 0; run < 20; run++) {
      const t0 = performance.now();
      rows = (await quicksearchQuery(store.db, search).execute()).length;
      timings.push(performance.now() - t0);
    }
    timings.sort((a, b) => a - b);
    const median = timings[Math.floor(timings.length / 2)] ?? NaN;
    const worst = timings.at(-1) ?? NaN;
    console.log(`${search.name}: ${rows} rows, median ${median.toFixed(2)} ms, worst ${worst.toFixed(2)} ms (first run included)`);
  }
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
