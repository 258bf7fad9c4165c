/**
 * Reads a JSON file given on the command line. Every way it can go wrong is bad input (exit code 2) with a
 * sentence that says what to fix, including line and column of a syntax error.
 */
import { readFile } from 'node:fs/promises';
import { CliInputError } from './cli-errors';
import { locateJsonSyntaxError } from './json-syntax-error';

export async function readJsonFile(file: string): Promise<unknown> {
  const text = await readText(file);
  // Editors on Windows like to start UTF-8 files with a byte order mark; JSON.parse does not accept one.
  const json = text.startsWith('\uFEFF') ? text.slice(1) : text;
  try {
    return JSON.parse(json) as unknown;
  } catch (error) {
    const where = locateJsonSyntaxError(json);
    const detail = where === null ? (error instanceof Error ? error.message : String(error)) : `${where.problem} at line ${where.line}, column ${where.column}`;
    throw new CliInputError(`${file} is not valid JSON: ${detail}`, { cause: error });
  }
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new CliInputError(unreadable(file, error), { cause: error });
  }
}

function unreadable(file: string, error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  switch (code) {
    case 'ENOENT':
      return `The file ${file} does not exist`;
    case 'EISDIR':
      return `${file} is a directory, not a JSON file`;
    case 'EACCES':
    case 'EPERM':
      return `The file ${file} cannot be read (permission denied)`;
    default:
      return `The file ${file} cannot be read: ${error instanceof Error ? error.message : String(error)}`;
  }
}
