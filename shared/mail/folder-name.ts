/**
 * DESIGN §3 "Mail import": the names of the folders below *Import folder* follow `CRM <Description> [<Status>]`
 * (`CRM Erledigt [E]` → status E). A folder that misses the grammar is not imported from and is reported in
 * words: which folder, what is wrong, and a name that would work.
 *
 * Decisions DESIGN leaves open:
 * - White space around the whole name is ignored: Outlook does not show it, and it changes nothing about what the
 *   name says. Inside, the prefix is exact: "CRM" in capitals, then exactly one ordinary space.
 * - Between the description and "[" any spacing is fine ("CRM Offen[O]", "CRM Offen  [O]"), and so are spaces just
 *   inside the brackets ("[ E ]"): DESIGN fixes only the space after CRM, and status keys cannot hold spaces or
 *   brackets (shared/crm/crm-data.ts), so none of these readings is ambiguous.
 * - Status keys are compared as written (case-sensitively), like every CRM key: "[e]" is not "E". The message then
 *   says so and shows the right spelling.
 * - Square brackets belong to the status key alone: "CRM Kunde [A] [E]" is refused rather than guessed at. Other
 *   brackets are fine in a description ("CRM Kunden (Nord) [O]").
 * - One problem is reported per folder, the most basic first — prefix, brackets, description, spacing after CRM,
 *   status key — with an example name that repairs all of them at once.
 */
import { StatusKey } from '../crm/built-ins';
import type { Locale } from '../contract';
import { catalogs } from '../i18n/catalogs';

export const FOLDER_NAME_PROBLEM_CODES = [
  'NOT_CRM_PREFIX',
  'PREFIX_CASE',
  'NO_STATUS',
  'STATUS_WRONG_BRACKETS',
  'STATUS_BRACKET_NOT_CLOSED',
  'STATUS_BRACKET_NOT_OPENED',
  'UNBALANCED_BRACKETS',
  'NESTED_BRACKETS',
  'SEVERAL_BRACKETS',
  'STATUS_NOT_AT_END',
  'EMPTY_DESCRIPTION',
  'PREFIX_NO_SPACE',
  'PREFIX_SEVERAL_SPACES',
  'PREFIX_NOT_A_SPACE',
  'EMPTY_STATUS',
  'UNKNOWN_STATUS',
  'STATUS_CASE',
  // About *Import folder* itself (import-folder.ts).
  'IMPORT_FOLDER_MISSING',
  'IMPORT_FOLDER_NAME_CASE',
  'IMPORT_FOLDER_NAME_SPELLING',
] as const;
export type FolderNameProblemCode = (typeof FOLDER_NAME_PROBLEM_CODES)[number];

export interface FolderNameProblem {
  code: FolderNameProblemCode;
  /** The folder's name as Outlook has it (for the IMPORT_FOLDER_* codes: the near miss, or *Import folder*). */
  folder: string;
  /** The status key as written in the brackets: UNKNOWN_STATUS, STATUS_CASE. */
  status?: string;
  /** The wrong part as written: the prefix for PREFIX_CASE ("crm"), the brackets for STATUS_WRONG_BRACKETS ("(O)"). */
  found?: string;
  /** A valid name made from this one; "…" stands for a description that could not be made out. */
  example?: string;
  /** The CRM's status keys, sorted, for the messages about the key. */
  statusKeys?: readonly string[];
}

export type FolderNameReading = { ok: true; description: string; status: string } | { ok: false; problem: FolderNameProblem };

const PREFIX = 'CRM';
/** Where an example name has no description to offer. */
const NO_DESCRIPTION = '…';

/** Reads one folder name below *Import folder*. `statusKeys`: the CRM's status keys, exactly as stored. */
export function parseImportFolderName(name: string, statusKeys: ReadonlySet<string>): FolderNameReading {
  const text = name.trim();
  const written = text.slice(0, PREFIX.length);
  const hasPrefix = written.toUpperCase() === PREFIX;
  const afterPrefix = hasPrefix ? text.slice(PREFIX.length) : text;
  const gap = /^\s*/u.exec(afterPrefix)?.[0] ?? '';
  const body = readBody(afterPrefix.slice(gap.length), statusKeys);

  const fail = (code: FolderNameProblemCode, details: Partial<FolderNameProblem> = {}): FolderNameReading => ({
    ok: false,
    problem: { code, folder: name, example: exampleName(body, statusKeys), statusKeys: [...statusKeys].sort(), ...details },
  });

  if (!hasPrefix) return fail('NOT_CRM_PREFIX');
  if (written !== PREFIX) return fail('PREFIX_CASE', { found: written });
  if (body.problem !== undefined) return fail(body.problem, body.found === undefined ? {} : { found: body.found });
  if (body.description === '') return fail('EMPTY_DESCRIPTION');
  const spacing = spacingProblem(gap);
  if (spacing !== undefined) return fail(spacing);
  if (body.status === null || body.status === '') return fail('EMPTY_STATUS');
  if (!statusKeys.has(body.status)) {
    return fail(keyIgnoringCase(body.status, statusKeys) === undefined ? 'UNKNOWN_STATUS' : 'STATUS_CASE', { status: body.status });
  }
  return { ok: true, description: body.description, status: body.status };
}

type BracketProblem = Extract<
  FolderNameProblemCode,
  | 'NO_STATUS'
  | 'STATUS_WRONG_BRACKETS'
  | 'STATUS_BRACKET_NOT_CLOSED'
  | 'STATUS_BRACKET_NOT_OPENED'
  | 'UNBALANCED_BRACKETS'
  | 'NESTED_BRACKETS'
  | 'SEVERAL_BRACKETS'
  | 'STATUS_NOT_AT_END'
>;

/** What the part after "CRM " says: description and status key — exactly when the brackets are right, else
 * the best guess (for the example name) and what is wrong with the brackets. */
interface Body {
  description: string;
  status: string | null;
  problem?: BracketProblem;
  found?: string;
}

/** A known key in the wrong brackets at the end: "(O)", "{O}", "<O>". */
const WRONG_BRACKETS = /[({<]\s*([^\s()[\]{}<>]+)\s*[)}>]$/u;

function readBody(body: string, statusKeys: ReadonlySet<string>): Body {
  const opens = count(body, '[');
  const closes = count(body, ']');
  if (opens === 0 && closes === 0) {
    const wrong = WRONG_BRACKETS.exec(body);
    if (wrong?.[1] !== undefined && keyIgnoringCase(wrong[1], statusKeys) !== undefined) {
      return { description: body.slice(0, wrong.index).trim(), status: wrong[1], problem: 'STATUS_WRONG_BRACKETS', found: wrong[0] };
    }
    return { ...guess(body, statusKeys), problem: 'NO_STATUS' };
  }
  if (opens === 1 && closes === 0) return { ...guess(body, statusKeys), problem: 'STATUS_BRACKET_NOT_CLOSED' };
  if (opens === 0 && closes === 1) return { ...guess(body, statusKeys), problem: 'STATUS_BRACKET_NOT_OPENED' };
  const shape = bracketShape(body);
  if (shape !== 'pairs') return { ...guess(body, statusKeys), problem: shape };

  // Well-formed pairs: the last one holds the key.
  const open = body.lastIndexOf('[');
  const close = body.lastIndexOf(']');
  const status = body.slice(open + 1, close).trim();
  const after = body.slice(close + 1).trim();
  if (opens > 1 || after !== '') {
    const description = tidy(`${body.slice(0, open)} ${after}`);
    return { description, status, problem: opens > 1 ? 'SEVERAL_BRACKETS' : 'STATUS_NOT_AT_END' };
  }
  return { description: body.slice(0, open).trim(), status };
}

function bracketShape(body: string): 'pairs' | 'NESTED_BRACKETS' | 'UNBALANCED_BRACKETS' {
  let open = false;
  for (const char of body) {
    if (char === '[') {
      if (open) return 'NESTED_BRACKETS';
      open = true;
    } else if (char === ']') {
      if (!open) return 'UNBALANCED_BRACKETS';
      open = false;
    }
  }
  return open ? 'UNBALANCED_BRACKETS' : 'pairs';
}

/** For broken brackets: the last word is the key if it is one (ignoring case), the rest the description. */
function guess(body: string, statusKeys: ReadonlySet<string>): Pick<Body, 'description' | 'status'> {
  const words = tidy(body).split(' ');
  const last = words.at(-1) ?? '';
  if (keyIgnoringCase(last, statusKeys) === undefined) return { description: tidy(body), status: null };
  return { description: words.slice(0, -1).join(' '), status: last };
}

function spacingProblem(gap: string): 'PREFIX_NO_SPACE' | 'PREFIX_SEVERAL_SPACES' | 'PREFIX_NOT_A_SPACE' | undefined {
  if (gap === '') return 'PREFIX_NO_SPACE';
  if (/[^ ]/u.test(gap)) return 'PREFIX_NOT_A_SPACE';
  return gap.length > 1 ? 'PREFIX_SEVERAL_SPACES' : undefined;
}

/** A name that follows the grammar, made of what the folder's name offers. */
function exampleName(body: Body, statusKeys: ReadonlySet<string>): string {
  const written = body.status ?? '';
  const status = statusKeys.has(written) ? written : (keyIgnoringCase(written, statusKeys) ?? exampleStatus(statusKeys));
  return `${PREFIX} ${body.description === '' ? NO_DESCRIPTION : body.description} [${status}]`;
}

/** O ("open") when the CRM has it — the status a folder most often gives, as I is the default anyway — else
 * the first key. */
function exampleStatus(statusKeys: ReadonlySet<string>): string {
  if (statusKeys.has(StatusKey.Open)) return StatusKey.Open;
  return [...statusKeys].sort()[0] ?? NO_DESCRIPTION;
}

function keyIgnoringCase(written: string, statusKeys: ReadonlySet<string>): string | undefined {
  const lower = written.toLowerCase();
  return written === '' ? undefined : [...statusKeys].sort().find((key) => key.toLowerCase() === lower);
}

/** Brackets out, runs of white space to one space. */
function tidy(text: string): string {
  return text.replace(/[[\]]/gu, ' ').replace(/\s+/gu, ' ').trim();
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}

// ── Messages ────────────────────────────────────────────────────────────────────────────────────────────────

/** An i18next-style `t`: the renderer passes its own; `folderProblemMessage` uses the catalogs directly. */
export type Translate = (key: string, vars?: Record<string, string>) => string;

export const IMPORT_FOLDER_NAME = 'Import folder';

/** The message for a problem in the UI's language, via `t` (key `folderProblems.<code>`). */
export function describeFolderProblem(problem: FolderNameProblem, t: Translate): string {
  return t(`folderProblems.${problem.code}`, folderProblemVars(problem));
}

/** The message for a problem in German or English, from the shared catalogs (CLI, sync summary, tray). */
export function folderProblemMessage(problem: FolderNameProblem, lang: Locale): string {
  const templates: Readonly<Record<FolderNameProblemCode, string>> = catalogs[lang].folderProblems;
  return fill(templates[problem.code], folderProblemVars(problem));
}

/** Every placeholder the templates use; a template takes the ones its code provides. */
export function folderProblemVars(problem: FolderNameProblem): Record<string, string> {
  return {
    folder: problem.folder,
    importFolder: IMPORT_FOLDER_NAME,
    example: problem.example ?? '',
    found: problem.found ?? '',
    status: problem.status ?? '',
    statusKeys: problem.statusKeys?.join(', ') ?? '',
  };
}

/** i18next's `{{name}}` interpolation, without HTML escaping: the message is plain text wherever it goes. */
function fill(template: string, vars: Readonly<Record<string, string>>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/gu, (placeholder, name: string) => vars[name] ?? placeholder);
}
