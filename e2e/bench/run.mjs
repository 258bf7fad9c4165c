/**
 * `npm run bench -- …`: builds the benchmarks (main.ts and what it imports from the project) into one ES module
 * bundle with esbuild, as the desktop app's bundles are built, and runs it with plain node. Its packages stay
 * outside the bundle and load as node loads them. Why: under tsx the benchmark process held tsx's compiler, its
 * loader hooks (in the engine's worker thread too, which inherits the process's execArgv) and the compiled
 * sources — ~60–70 MB of the peak RSS that the mail import benchmark reports as the client's.
 * `--worker source` keeps the old way for the whole process: main.ts through tsx, the engine's thread from the
 * TypeScript sources.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../../', import.meta.url));
const args = process.argv.slice(2);
const source = args.some((arg, i) => arg === '--worker=source' || (arg === '--worker' && args[i + 1] === 'source'));

let command;
if (source) {
  command = [process.execPath, '--import', 'tsx', path.join(root, 'e2e', 'bench', 'main.ts'), ...args];
} else {
  const outdir = path.join(root, 'dist', 'bench');
  await build({
    entryPoints: [path.join(root, 'e2e', 'bench', 'main.ts')],
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    packages: 'external',
    outdir,
    outExtension: { '.js': '.mjs' },
    logLevel: 'warning',
  });
  command = [process.execPath, path.join(outdir, 'main.mjs'), ...args];
}
const [executable = process.execPath, ...rest] = command;
const run = spawnSync(executable, rest, { cwd: root, stdio: 'inherit' });
process.exit(run.status ?? 1);
