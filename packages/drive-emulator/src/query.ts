/**
 * The `q` search language of files.list
 * (https://developers.google.com/drive/api/guides/ref-search-terms), as far as rclone and
 * Google's clients use it: `'ID' in parents`, `name = '...'`, `name contains '...'`,
 * `mimeType = / != '...'`, `trashed = true|false`, `starred`, `modifiedTime`/`createdTime`
 * comparisons, `sharedWithMe`, joined with and/or/not and parentheses. Strings are single-quoted
 * with `\'` and `\\` escapes. Anything else is a 400 "Invalid Value" on `q`, as Drive answers.
 */

export class QueryError extends Error {}

export type Value = { kind: 'string'; text: string } | { kind: 'bool'; value: boolean };

export type Query =
  | { type: 'and' | 'or'; left: Query; right: Query }
  | { type: 'not'; operand: Query }
  | { type: 'compare'; field: string; op: string; value: Value }
  | { type: 'in'; value: string; collection: 'parents' | 'owners' | 'writers' | 'readers' };

/** What a query needs to know of one file. Times are epoch ms. */
export interface QueryFile {
  name: string;
  mimeType: string;
  parents: string[];
  trashed: boolean;
  starred: boolean;
  modifiedTime: number;
  createdTime: number;
  fullText: string;
}

type Token = { t: 'str'; v: string } | { t: 'word'; v: string } | { t: 'op'; v: string } | { t: 'paren'; v: '(' | ')' };

function tokenize(q: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < q.length) {
    const c = q[i]!;
    if (/\s/.test(c)) { i++; continue; }
    if (c === '(' || c === ')') { out.push({ t: 'paren', v: c }); i++; continue; }
    if (c === "'") {
      let text = '';
      i++;
      for (;;) {
        if (i >= q.length) throw new QueryError('unterminated string');
        const ch = q[i]!;
        if (ch === '\\') {
          if (i + 1 >= q.length) throw new QueryError('unterminated string');
          text += q[i + 1];
          i += 2;
        } else if (ch === "'") {
          i++;
          break;
        } else {
          text += ch;
          i++;
        }
      }
      out.push({ t: 'str', v: text });
      continue;
    }
    const op = /^(!=|<=|>=|=|<|>)/.exec(q.slice(i));
    if (op) { out.push({ t: 'op', v: op[1]! }); i += op[1]!.length; continue; }
    const word = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(q.slice(i));
    if (word) { out.push({ t: 'word', v: word[0] }); i += word[0].length; continue; }
    throw new QueryError(`unexpected character ${JSON.stringify(c)}`);
  }
  return out;
}

const STRING_FIELDS = new Set(['name', 'mimeType', 'fullText']);
const TIME_FIELDS = new Set(['modifiedTime', 'createdTime', 'viewedByMeTime']);
const BOOL_FIELDS = new Set(['trashed', 'starred', 'sharedWithMe', 'hidden']);
const COLLECTIONS = new Set(['parents', 'owners', 'writers', 'readers']);

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): Query {
    const q = this.or();
    if (this.pos < this.tokens.length) throw new QueryError('unexpected text after the query');
    return q;
  }

  private peekWord(word: string): boolean {
    const t = this.tokens[this.pos];
    return t?.t === 'word' && t.v.toLowerCase() === word;
  }

  private or(): Query {
    let left = this.and();
    while (this.peekWord('or')) {
      this.pos++;
      left = { type: 'or', left, right: this.and() };
    }
    return left;
  }

  private and(): Query {
    let left = this.unary();
    while (this.peekWord('and')) {
      this.pos++;
      left = { type: 'and', left, right: this.unary() };
    }
    return left;
  }

  private unary(): Query {
    if (this.peekWord('not')) {
      this.pos++;
      return { type: 'not', operand: this.unary() };
    }
    const t = this.tokens[this.pos];
    if (t?.t === 'paren' && t.v === '(') {
      this.pos++;
      const inner = this.or();
      const close = this.tokens[this.pos];
      if (close?.t !== 'paren' || close.v !== ')') throw new QueryError('missing )');
      this.pos++;
      return inner;
    }
    return this.term();
  }

  private term(): Query {
    const first = this.tokens[this.pos++];
    if (!first) throw new QueryError('query ends too early');
    if (first.t === 'str') {
      if (!this.peekWord('in')) throw new QueryError('a string must be followed by "in"');
      this.pos++;
      const coll = this.tokens[this.pos++];
      if (coll?.t !== 'word' || !COLLECTIONS.has(coll.v)) throw new QueryError('"in" must be followed by parents, owners, writers or readers');
      return { type: 'in', value: first.v, collection: coll.v as 'parents' };
    }
    if (first.t !== 'word') throw new QueryError('expected a field name');
    const field = first.v;
    let op: string;
    const next = this.tokens[this.pos++];
    if (next?.t === 'op') op = next.v;
    else if (next?.t === 'word' && next.v === 'contains') op = 'contains';
    else throw new QueryError(`expected an operator after ${field}`);
    const raw = this.tokens[this.pos++];
    let value: Value;
    if (raw?.t === 'str') value = { kind: 'string', text: raw.v };
    else if (raw?.t === 'word' && (raw.v === 'true' || raw.v === 'false')) value = { kind: 'bool', value: raw.v === 'true' };
    else throw new QueryError(`expected a value after ${field} ${op}`);
    checkTerm(field, op, value);
    return { type: 'compare', field, op, value };
  }
}

function checkTerm(field: string, op: string, value: Value): void {
  if (STRING_FIELDS.has(field)) {
    if (value.kind !== 'string') throw new QueryError(`${field} takes a string`);
    const ops = field === 'fullText' ? ['contains'] : field === 'name' ? ['=', '!=', 'contains'] : ['=', '!=', 'contains'];
    if (!ops.includes(op)) throw new QueryError(`${field} does not support ${op}`);
  } else if (TIME_FIELDS.has(field)) {
    if (value.kind !== 'string' || Number.isNaN(parseQueryTime(value.text))) throw new QueryError(`${field} takes an RFC 3339 time`);
    if (!['=', '!=', '<', '<=', '>', '>='].includes(op)) throw new QueryError(`${field} does not support ${op}`);
  } else if (BOOL_FIELDS.has(field)) {
    if (value.kind !== 'bool') throw new QueryError(`${field} takes true or false`);
    if (op !== '=' && op !== '!=') throw new QueryError(`${field} does not support ${op}`);
  } else {
    throw new QueryError(`unknown field ${field}`);
  }
}

/** Query times are RFC 3339; without a zone they are UTC. */
function parseQueryTime(text: string): number {
  const withZone = /(?:Z|[+-]\d\d:\d\d)$/i.test(text) ? text : `${text}Z`;
  return /^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(text) ? Date.parse(withZone) : NaN;
}

export function parseQuery(q: string): Query {
  if (q.trim() === '') throw new QueryError('empty query');
  return new Parser(tokenize(q)).parse();
}

function compare<T>(a: T, op: string, b: T): boolean {
  switch (op) {
    case '=': return a === b;
    case '!=': return a !== b;
    case '<': return a < b;
    case '<=': return a <= b;
    case '>': return a > b;
    case '>=': return a >= b;
    default: return false;
  }
}

/**
 * Whether `file` matches. `resolveId` maps aliases ('root') to real ids. Times compare at the
 * second, the precision query times are written with.
 */
export function matches(q: Query, file: QueryFile, resolveId: (id: string) => string = (id) => id): boolean {
  switch (q.type) {
    case 'and': return matches(q.left, file, resolveId) && matches(q.right, file, resolveId);
    case 'or': return matches(q.left, file, resolveId) || matches(q.right, file, resolveId);
    case 'not': return !matches(q.operand, file, resolveId);
    case 'in':
      // Every file belongs to the one emulated user, who owns and can write everything.
      if (q.collection !== 'parents') return q.value === 'me' || q.value.includes('@');
      return file.parents.includes(resolveId(q.value));
    case 'compare': {
      const { field, op, value } = q;
      if (value.kind === 'bool') {
        const actual = field === 'trashed' ? file.trashed : field === 'starred' ? file.starred : false;
        return compare(actual, op, value.value);
      }
      if (TIME_FIELDS.has(field)) {
        const actual = field === 'createdTime' ? file.createdTime : file.modifiedTime;
        return compare(Math.floor(actual / 1000), op, Math.floor(parseQueryTime(value.text) / 1000));
      }
      const actual = field === 'name' ? file.name : field === 'mimeType' ? file.mimeType : file.fullText;
      if (op === 'contains') {
        // Drive matches `name contains` on word prefixes; a case-blind substring is the closest simple rule.
        return actual.toLowerCase().includes(value.text.toLowerCase());
      }
      // Drive's `name =` ignores case (rclone checks the case of what comes back itself).
      if (field === 'name') return compare(actual.toLowerCase(), op, value.text.toLowerCase());
      return compare(actual, op, value.text);
    }
  }
}

/**
 * The folders a query confines its results to (`'A' in parents and ...`, `('A' in parents or
 * 'B' in parents) and ...`), so a listing can look at their children instead of every file;
 * undefined when the query does not confine them.
 */
export function parentScope(q: Query): string[] | undefined {
  switch (q.type) {
    case 'in': return q.collection === 'parents' ? [q.value] : undefined;
    case 'and': return parentScope(q.left) ?? parentScope(q.right);
    case 'or': {
      const left = parentScope(q.left);
      const right = parentScope(q.right);
      return left && right ? [...left, ...right] : undefined;
    }
    default: return undefined;
  }
}
