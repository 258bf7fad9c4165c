/** Entry point of the `crm-companion` command (started by bin.mjs). */
import { processIo } from './io';
import { runCli } from './program';

process.exitCode = await runCli(process.argv.slice(2), processIo, { debug: Boolean(process.env.CRM_COMPANION_DEBUG) });
