/**
 * Layering rule: which folder may import which folder and which package, as an allow-list
 * (after VS Code's code-layering / code-import-patterns and Signal Desktop's package categories).
 * Do not relax these rules to make an import pass: move the code to the layer where it belongs.
 *
 *   shared/          pure TypeScript: contract, domain rules, i18n catalogs. No Node, no DOM, no Electron.
 *   renderer/        the React UI: shared/ + DOM packages. No Node.
 *   electron/shell/  the thin Electron shell: the only place that imports `electron`.
 *   electron/        engine, store, providers, host, CLI: shared/ + Node packages.
 *   e2e/, tests, tooling: anything.
 */
import { builtinModules } from 'node:module';
import path from 'node:path';

/** Pure packages: allowed everywhere. */
export const STD = ['zod', 'i18next', 'windows-iana'];
/** Packages that need Node (file system, sockets, native modules). */
export const NODE = [
  ...builtinModules,
  ...builtinModules.map((m) => `node:${m}`),
  'better-sqlite3', 'kysely', 'commander', 'conf', 'fastify', '@fastify/static', '@fastify/websocket', 'ws', 'undici',
  '@microsoft/microsoft-graph-client', '@azure/msal-node', 'sanitize-html', 'cli-progress', 'tsx', 'selfsigned', 'oidc-provider',
];
/** Packages that need a DOM. */
export const DOM = [
  'react', 'react-dom', 'react-router', 'react-i18next', '@tanstack/react-table', '@tanstack/react-virtual',
  '@fluentui/react-components', '@fluentui/react-icons', 'dompurify',
];
/** Packages that need the Electron runtime. */
export const ELECTRON = ['electron', 'electron-store'];
/** Build, test and tooling packages: only for tests, e2e/ and configs. */
export const TOOLING = [
  'vitest', 'vitest/config', 'fast-check', '@playwright/test', 'playwright', 'vite', '@vitejs/plugin-react', 'esbuild',
  'eslint', '@eslint/js', 'typescript-eslint', 'eslint-plugin-react-hooks', 'globals', 'electron-builder',
];
const ALL = '*';

/** Longest matching prefix wins. Paths are relative to the repository root, with forward slashes. */
export const LAYERS = [
  { dir: 'shared/', may: ['shared/'], pkgs: STD },
  { dir: 'renderer/', may: ['shared/', 'renderer/'], pkgs: [...STD, ...DOM] },
  { dir: 'electron/shell/', may: ['shared/', 'electron/'], pkgs: [...STD, ...NODE, ...ELECTRON] },
  { dir: 'electron/', may: ['shared/', 'electron/'], not: ['electron/shell/'], pkgs: [...STD, ...NODE] },
  { dir: 'e2e/', may: [ALL], pkgs: [ALL] },
  { dir: '.eslint/', may: [ALL], pkgs: [ALL] },
  { dir: '.ci/', may: [ALL], pkgs: [ALL] },
  { dir: 'assets/', may: [ALL], pkgs: [ALL] },
];
/**
 * Named exceptions, each with its reason. Keep this list short.
 *  - package.json: the app's name and version, read by the service and the CLI (bundled into main.cjs by esbuild).
 */
const EXCEPTIONS = [{ from: 'electron/', target: 'package.json' }];
/** Files outside the layers that are tooling by nature (configs, tests). */
const TOOLING_FILE = /(^[^/]+\.config\.[cm]?[jt]s$)|(\.test\.tsx?$)|(^renderer\/vite\.config\.ts$)/;

const KNOWN = new Set([...STD, ...NODE, ...DOM, ...ELECTRON, ...TOOLING]);

export function packageOf(spec) {
  if (spec.startsWith('node:')) return spec;
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function layerOf(rel) {
  if (TOOLING_FILE.test(rel)) return { dir: '(tooling)', may: [ALL], pkgs: [ALL] };
  let best;
  for (const layer of LAYERS) if (rel.startsWith(layer.dir) && (!best || layer.dir.length > best.dir.length)) best = layer;
  return best;
}

function check(context, node, spec, typeOnly) {
  if (typeof spec !== 'string') return;
  const root = context.settings?.layers?.root ?? context.cwd;
  const file = path.relative(root, context.filename).split(path.sep).join('/');
  const layer = layerOf(file);
  if (!layer) {
    context.report({ node, message: `"${file}" is in no layer: add its folder to LAYERS in .eslint/layers.js` });
    return;
  }
  if (spec.startsWith('.') || spec.startsWith('/')) {
    const target = path.relative(root, path.resolve(path.dirname(context.filename), spec)).split(path.sep).join('/');
    const excepted = EXCEPTIONS.some((e) => file.startsWith(e.from) && target === e.target);
    const allowed = excepted || layer.may.includes(ALL) || layer.may.some((d) => target.startsWith(d));
    const denied = (layer.not ?? []).some((d) => target.startsWith(d));
    if (!allowed || denied) {
      context.report({ node, message: `${layer.dir} may not import "${target}" (allowed: ${layer.may.join(', ')}${layer.not ? `; not ${layer.not.join(', ')}` : ''})` });
    }
    return;
  }
  const pkg = packageOf(spec);
  if (!KNOWN.has(pkg) && !KNOWN.has(spec)) {
    context.report({ node, message: `package "${pkg}" is not categorized: add it to STD, NODE, DOM, ELECTRON or TOOLING in .eslint/layers.js` });
    return;
  }
  if (typeOnly || layer.pkgs.includes(ALL)) return; // types vanish at run time
  if (!layer.pkgs.includes(pkg) && !layer.pkgs.includes(spec)) {
    context.report({ node, message: `${layer.dir} may not import "${pkg}": it needs a runtime this layer does not have` });
  }
}

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the shared/renderer/electron layering and package runtimes' },
    schema: [],
  },
  create(context) {
    const fromDecl = (node) => check(context, node.source, node.source?.value, node.importKind === 'type' || node.exportKind === 'type');
    return {
      ImportDeclaration: fromDecl,
      ExportNamedDeclaration: (node) => node.source && fromDecl(node),
      ExportAllDeclaration: fromDecl,
      ImportExpression: (node) => node.source.type === 'Literal' && check(context, node.source, node.source.value, false),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments[0]?.type === 'Literal') {
          check(context, node.arguments[0], node.arguments[0].value, false);
        }
      },
    };
  },
};

export default { rules: { layers: rule } };
