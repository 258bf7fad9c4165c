#!/usr/bin/env node
// The `crm-companion` command (package.json "bin"). The CLI is TypeScript; tsx compiles it on the fly.
// The tsconfig is pinned to ours so that a tsconfig.json in the user's working directory cannot change that.
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

await tsImport('./main.ts', {
  parentURL: import.meta.url,
  tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)),
});
