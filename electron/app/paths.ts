/** Where the app keeps its data, per OS convention (Electron's app.getPath('userData') gives the same folders). */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const APP_DIR_NAME = 'CRM Companion';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.CRM_COMPANION_DATA_DIR) return env.CRM_COMPANION_DATA_DIR;
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_DIR_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_DIR_NAME);
}

/** The repository (or unpacked app) root: two levels above this file. */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const rendererDistDir = path.join(projectRoot, 'dist', 'renderer');
export const electronMainBundle = path.join(projectRoot, 'dist', 'electron', 'main.cjs');
