/**
 * Where a JSON text first breaks the grammar (RFC 8259), as line and column, and what was found there.
 * JSON.parse's messages give a position for some mistakes and none for others ("Unexpected token"), so the
 * CLI finds the place itself. Only called after JSON.parse failed; the text is read once, without recursion
 * limits (nesting depth is counted, not recursed).
 */

export interface JsonSyntaxError {
  /** 1-based. */
  line: number;
  /** 1-based, in characters (UTF-16 code units) of that line. */
  column: number;
  problem: string;
}

export function locateJsonSyntaxError(text: string): JsonSyntaxError | null {
  const at = new JsonScanner(text).firstError();
  return at === null ? null : { ...lineAndColumn(text, at.offset), problem: at.problem };
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (text.charCodeAt(i) === 10) {
      line += 1;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

class SyntaxProblem extends Error {
  constructor(
    readonly offset: number,
    readonly problem: string,
  ) {
    super(problem);
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPE = /["\\/bfnrt]|u[0-9a-fA-F]{4}/y;

class JsonScanner {
  private pos = 0;

  constructor(private readonly text: string) {}

  firstError(): SyntaxProblem | null {
    try {
      this.value();
      this.skipSpace();
      if (this.pos < this.text.length) this.fail(`unexpected ${this.found()} after the end of the JSON value`);
      return null;
    } catch (error) {
      if (error instanceof SyntaxProblem) return error;
      throw error;
    }
  }

  /** Objects and arrays are tracked on an explicit stack so a deeply nested file cannot overflow the call stack. */
  private value(): void {
    const open: ('{' | '[')[] = [];
    for (;;) {
      this.scalarOrOpen(open);
      // Close every container that ends here; stop at the next element or member.
      for (;;) {
        const container = open.at(-1);
        if (container === undefined) return;
        this.skipSpace();
        const close = container === '{' ? '}' : ']';
        const c = this.text[this.pos];
        if (c === ',') {
          this.pos += 1;
          if (container === '{') this.member();
          break;
        }
        if (c === close) {
          this.pos += 1;
          open.pop();
          continue;
        }
        this.fail(`expected "," or "${close}" but found ${this.found()}`);
      }
    }
  }

  /** Reads a scalar, or opens a container and positions at its first value (an empty one is closed at once). */
  private scalarOrOpen(open: ('{' | '[')[]): void {
    for (;;) {
      this.skipSpace();
      const c = this.text[this.pos];
      if (c === '{') {
        this.pos += 1;
        this.skipSpace();
        if (this.text[this.pos] === '}') {
          this.pos += 1;
          return;
        }
        open.push('{');
        this.member();
        continue;
      }
      if (c === '[') {
        this.pos += 1;
        this.skipSpace();
        if (this.text[this.pos] === ']') {
          this.pos += 1;
          return;
        }
        open.push('[');
        continue;
      }
      this.scalar();
      return;
    }
  }

  /** `"name" :` — leaves the position at the member's value. */
  private member(): void {
    this.skipSpace();
    if (this.text[this.pos] !== '"') this.fail(`expected a property name in double quotes but found ${this.found()}`);
    this.string();
    this.skipSpace();
    if (this.text[this.pos] !== ':') this.fail(`expected ":" after the property name but found ${this.found()}`);
    this.pos += 1;
  }

  private scalar(): void {
    const c = this.text[this.pos];
    if (c === '"') return this.string();
    for (const literal of ['true', 'false', 'null']) {
      if (this.text.startsWith(literal, this.pos)) {
        this.pos += literal.length;
        return;
      }
    }
    NUMBER.lastIndex = this.pos;
    if ((c === '-' || (c !== undefined && c >= '0' && c <= '9')) && NUMBER.test(this.text)) {
      this.pos = NUMBER.lastIndex;
      return;
    }
    this.fail(`expected a value but found ${this.found()}`);
  }

  private string(): void {
    const start = this.pos;
    this.pos += 1;
    for (;;) {
      const c = this.text[this.pos];
      if (c === undefined) this.fail('the text ends inside a string', start);
      if (c === '"') {
        this.pos += 1;
        return;
      }
      if (c === '\\') {
        ESCAPE.lastIndex = this.pos + 1;
        if (!ESCAPE.test(this.text)) this.fail('invalid escape sequence in a string');
        this.pos = ESCAPE.lastIndex;
        continue;
      }
      if (c.charCodeAt(0) < 0x20) this.fail('a line break or control character inside a string (write it as \\n)');
      this.pos += 1;
    }
  }

  private skipSpace(): void {
    while (this.pos < this.text.length && ' \t\n\r'.includes(this.text[this.pos] ?? '')) this.pos += 1;
  }

  private found(): string {
    const c = this.text[this.pos];
    if (c === undefined) return 'the end of the file';
    return c === "'" ? `"'"` : `'${c}'`;
  }

  private fail(problem: string, offset = this.pos): never {
    throw new SyntaxProblem(offset, problem);
  }
}
