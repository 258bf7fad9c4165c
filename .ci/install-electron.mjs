// Runs the `electron` package's binary download ourselves, tolerantly: where the download cannot be had
// (no internet, a locked-down build machine) `npm ci` still succeeds and the app runs in browser mode.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let installScript;
try {
  installScript = require.resolve('electron/install.js');
} catch {
  process.exit(0); // production install without devDependencies: nothing to do
}
if (process.env.CRM_COMPANION_SKIP_ELECTRON_DOWNLOAD) {
  console.log('electron: download skipped (CRM_COMPANION_SKIP_ELECTRON_DOWNLOAD); npm start will use browser mode.');
  process.exit(0);
}
const result = spawnSync(process.execPath, [installScript], { stdio: 'pipe', timeout: 120_000 });
const pathFile = join(dirname(installScript), 'path.txt'); // written by electron/install.js on success
if (result.status === 0 && existsSync(pathFile)) {
  console.log('electron: binary installed; npm start opens the desktop app.');
} else {
  console.log('electron: binary could not be downloaded here; npm start will use browser mode (see README).');
}
