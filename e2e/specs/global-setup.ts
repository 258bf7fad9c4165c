/**
 * Before any spec: make sure the built renderer exists (browser mode serves it), and the Electron bundles where
 * an Electron binary can run them. `npm test` builds first; this covers a bare `npm run test:e2e`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { electronBinary } from '../electron/electron-binary';

const root = path.resolve(import.meta.dirname, '..', '..');

function build(script: string, output: string): void {
  if (existsSync(path.join(root, output))) return;
  console.log(`e2e: ${output} is missing; running npm run ${script}`);
  const result = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', script], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`npm run ${script} failed`);
}

export default function globalSetup(): void {
  build('build:renderer', 'dist/renderer/index.html');
  if (electronBinary() !== null) build('build:electron', 'dist/electron/main.cjs');
}
