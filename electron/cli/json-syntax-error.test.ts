import { describe, expect, it } from 'vitest';
import { locateJsonSyntaxError } from './json-syntax-error';

describe('locateJsonSyntaxError', () => {
  it.each([
    ['{\n  "a": [1, 2,]\n}', 2, 14, "expected a value but found ']'"],
    ['{\n  "a": 1,\n}', 3, 1, "expected a property name in double quotes but found '}'"],
    ['{"a" 1}', 1, 6, `expected ":" after the property name but found '1'`],
    ['{"a": tru}', 1, 7, "expected a value but found 't'"],
    ['{"a": "line\nbreak"}', 1, 12, 'a line break or control character inside a string (write it as \\n)'],
    ['{"a": "\\x"}', 1, 8, 'invalid escape sequence in a string'],
    ['{"a": "open', 1, 7, 'the text ends inside a string'],
    ['[1, 2', 1, 6, 'expected "," or "]" but found the end of the file'],
    ['', 1, 1, 'expected a value but found the end of the file'],
    ['{"a": 1}}', 1, 9, "unexpected '}' after the end of the JSON value"],
    ["{'a': 1}", 1, 2, `expected a property name in double quotes but found "'"`],
    ['[01]', 1, 3, 'expected "," or "]" but found \'1\''],
  ])('finds the first error in %j', (text, line, column, problem) => {
    expect(() => JSON.parse(text) as unknown).toThrow();
    expect(locateJsonSyntaxError(text)).toEqual({ line, column, problem });
  });

  it('accepts what JSON.parse accepts', () => {
    const text = JSON.stringify({ a: [1, -2.5e3, true, false, null, 'x\n"\u00e9'], b: {}, c: [], d: [{ e: [[]] }] }, null, 2);
    expect(locateJsonSyntaxError(text)).toBeNull();
  });

  it('survives nesting deeper than the call stack', () => {
    const depth = 200_000;
    expect(locateJsonSyntaxError(`${'['.repeat(depth)}${']'.repeat(depth)}`)).toBeNull();
    expect(locateJsonSyntaxError(`${'['.repeat(depth)}`)?.problem).toBe('expected a value but found the end of the file');
  });
});
