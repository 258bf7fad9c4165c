import path from 'node:path';
import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, it } from 'vitest';
import layers from './layers.js';

// RuleTester drives its own describe/it; hand it vitest's.
RuleTester.describe = describe;
RuleTester.it = it;

const root = path.resolve(import.meta.dirname, '..');
const at = (rel: string) => path.join(root, rel);
const tester = new RuleTester({
  languageOptions: { parser: tseslint.parser, ecmaVersion: 'latest', sourceType: 'module' },
  settings: { layers: { root } },
});

tester.run('layers', layers.rules.layers, {
  valid: [
    { filename: at('shared/rules/folder-name.ts'), code: "import { z } from 'zod'; import { x } from '../contract';" },
    { filename: at('renderer/app/App.tsx'), code: "import React from 'react'; import { contract } from '../../shared/contract';" },
    { filename: at('electron/shell/main.ts'), code: "import { app } from 'electron'; import { dispatch } from '../host/dispatch';" },
    { filename: at('electron/crm/store.ts'), code: "import Database from 'better-sqlite3'; import fs from 'node:fs';" },
    { filename: at('electron/host/x.ts'), code: "import type { IpcMain } from 'electron';" },
    { filename: at('e2e/sandbox/main.ts'), code: "import { startBrowserApp } from '../../electron/app/browser-app';" },
    { filename: at('electron/service/x.ts'), code: "import pkg from '../../package.json' with { type: 'json' };" },
    { filename: at('electron/crm/store.test.ts'), code: "import { describe } from 'vitest'; import { x } from '../../e2e/sandbox';" },
  ],
  invalid: [
    { filename: at('shared/rules/x.ts'), code: "import fs from 'node:fs';", errors: [{ message: /shared\/ may not import "node:fs"/ }] },
    { filename: at('shared/rules/x.ts'), code: "import { Button } from '../../renderer/ui/Button';", errors: [{ message: /shared\/ may not import "renderer\/ui\/Button"/ }] },
    { filename: at('shared/x.ts'), code: "import React from 'react';", errors: [{ message: /may not import "react"/ }] },
    { filename: at('renderer/app/x.ts'), code: "import Database from 'better-sqlite3';", errors: [{ message: /renderer\/ may not import "better-sqlite3"/ }] },
    { filename: at('renderer/app/x.ts'), code: "import { store } from '../../electron/crm/store';", errors: [{ message: /renderer\/ may not import "electron\/crm\/store"/ }] },
    { filename: at('electron/engine/x.ts'), code: "import { ipcMain } from 'electron';", errors: [{ message: /electron\/ may not import "electron"/ }] },
    { filename: at('electron/engine/x.ts'), code: "import { registerIpc } from '../shell/ipc';", errors: [{ message: /not electron\/shell\// }] },
    { filename: at('electron/engine/x.ts'), code: "const m = await import('electron-store');", errors: [{ message: /may not import "electron-store"/ }] },
    { filename: at('electron/engine/x.ts'), code: "export { x } from '../../renderer/x';", errors: [{ message: /may not import "renderer\/x"/ }] },
    { filename: at('electron/engine/x.ts'), code: "import leftPad from 'left-pad';", errors: [{ message: /package "left-pad" is not categorized/ }] },
    { filename: at('renderer/x.ts'), code: "import pkg from '../package.json';", errors: [{ message: /renderer\/ may not import "package.json"/ }] },
    { filename: at('misc/x.ts'), code: "import { z } from 'zod';", errors: [{ message: /is in no layer/ }] },
  ],
});
