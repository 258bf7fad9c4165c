/**
 * Injected into the CommonJS bundles (esbuild --inject, --define:import.meta.url=importMetaUrl): what
 * `import.meta.url` is in the ES modules they are built from, so code that finds files beside itself works there too.
 */
import { pathToFileURL } from 'node:url';

export const importMetaUrl = pathToFileURL(__filename).href;
