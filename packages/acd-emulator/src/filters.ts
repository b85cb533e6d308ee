import { badRequest } from './errors.js';
import type { StoredNode } from './store/node.js';

/**
 * The `filters=` query language as clients send it: `field:value` clauses joined by AND (and,
 * optionally, OR and parentheses). Values may be double-quoted; a backslash makes the next
 * character literal both inside and outside quotes (go-acd's EscapeForFilter escapes
 * `+ - & | ! ( ) { } [ ] ^ ' " ~ * ? : \` and space). Outside quotes an unescaped `*` or `?`
 * is a wildcard, which is why clients escape them.
 */

type ValuePiece = { literal: string } | { wildcard: '*' | '?' };

export type FilterExpr =
  | { op: 'and' | 'or'; items: FilterExpr[] }
  | { op: 'term'; field: string; value: ValuePiece[] };

type Token = { kind: 'open' } | { kind: 'close' } | { kind: 'and' } | { kind: 'or' } | { kind: 'term'; field: string; value: ValuePiece[] };

const FIELDS: Record<string, (n: StoredNode) => string | string[] | undefined> = {
  kind: (n) => n.kind,
  isRoot: (n) => (n.isRoot ? 'true' : 'false'),
  parents: (n) => n.parents,
  name: (n) => n.name,
  status: (n) => n.status,
  id: (n) => n.id,
  description: (n) => n.description,
  labels: (n) => n.labels,
  createdBy: (n) => n.createdBy,
  'contentProperties.md5': (n) => n.content?.md5,
  'contentProperties.contentType': (n) => n.content?.contentType,
};
/** Fields whose values are enums or ids compared exactly (enums ignoring case). */
const CASE_INSENSITIVE = new Set(['kind', 'isRoot', 'status', 'name', 'contentProperties.contentType']);

function invalid(filter: string, why: string): Error {
  return badRequest(`Invalid filter "${filter}": ${why}`);
}

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';
  while (i < src.length) {
    const c = src[i]!;
    if (isSpace(c)) { i++; continue; }
    if (c === '(') { tokens.push({ kind: 'open' }); i++; continue; }
    if (c === ')') { tokens.push({ kind: 'close' }); i++; continue; }
    // A bare word: an operator or field:value.
    let field = '';
    const start = i;
    while (i < src.length && src[i] !== ':' && !isSpace(src[i]) && src[i] !== ')') {
      if (src[i] === '\\' && i + 1 < src.length) i++;
      field += src[i];
      i++;
    }
    if (src[i] !== ':') {
      if (field === 'AND') tokens.push({ kind: 'and' });
      else if (field === 'OR') tokens.push({ kind: 'or' });
      else throw invalid(src, `expected field:value at "${src.slice(start, start + 20)}"`);
      continue;
    }
    i++; // the colon
    const value: ValuePiece[] = [];
    const pushChar = (ch: string): void => {
      const last = value[value.length - 1];
      if (last && 'literal' in last) last.literal += ch;
      else value.push({ literal: ch });
    };
    while (i < src.length && !isSpace(src[i]) && src[i] !== ')') {
      const ch = src[i]!;
      if (ch === '\\') {
        if (i + 1 >= src.length) throw invalid(src, 'dangling backslash');
        pushChar(src[i + 1]!);
        i += 2;
      } else if (ch === '"') {
        i++;
        while (i < src.length && src[i] !== '"') {
          if (src[i] === '\\') {
            if (i + 1 >= src.length) break;
            i++;
          }
          pushChar(src[i]!);
          i++;
        }
        if (src[i] !== '"') throw invalid(src, 'unterminated quote');
        i++;
      } else if (ch === '*' || ch === '?') {
        value.push({ wildcard: ch });
        i++;
      } else if (ch === '(') {
        throw invalid(src, 'grouped values like field:(a OR b) are not supported');
      } else {
        pushChar(ch);
        i++;
      }
    }
    if (!(field in FIELDS)) throw invalid(src, `unknown field "${field}"`);
    if (value.length === 0) value.push({ literal: '' });
    tokens.push({ kind: 'term', field, value });
  }
  return tokens;
}

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[], private readonly src: string) {}

  parse(): FilterExpr {
    const expr = this.or();
    if (this.pos !== this.tokens.length) throw invalid(this.src, 'unexpected trailing input');
    return expr;
  }

  private or(): FilterExpr {
    const items = [this.and()];
    while (this.tokens[this.pos]?.kind === 'or') {
      this.pos++;
      items.push(this.and());
    }
    return items.length === 1 ? items[0]! : { op: 'or', items };
  }

  private and(): FilterExpr {
    const items = [this.primary()];
    while (this.tokens[this.pos]?.kind === 'and') {
      this.pos++;
      items.push(this.primary());
    }
    return items.length === 1 ? items[0]! : { op: 'and', items };
  }

  private primary(): FilterExpr {
    const tok = this.tokens[this.pos++];
    if (tok?.kind === 'term') return { op: 'term', field: tok.field, value: tok.value };
    if (tok?.kind === 'open') {
      const inner = this.or();
      if (this.tokens[this.pos++]?.kind !== 'close') throw invalid(this.src, 'missing ")"');
      return inner;
    }
    throw invalid(this.src, 'expected a field:value clause');
  }
}

export function parseFilter(src: string): FilterExpr | undefined {
  const tokens = tokenize(src);
  if (tokens.length === 0) return undefined;
  return new Parser(tokens, src).parse();
}

function valueMatcher(field: string, value: ValuePiece[]): (s: string) => boolean {
  const fold = CASE_INSENSITIVE.has(field);
  if (value.every((p) => 'literal' in p)) {
    const want = value.map((p) => ('literal' in p ? p.literal : '')).join('');
    return fold ? (s) => s.toLowerCase() === want.toLowerCase() : (s) => s === want;
  }
  const pattern = value
    .map((p) => ('literal' in p ? p.literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : p.wildcard === '*' ? '[\\s\\S]*' : '[\\s\\S]'))
    .join('');
  const re = new RegExp(`^${pattern}$`, fold ? 'iu' : 'u');
  return (s) => re.test(s);
}

export type NodePredicate = (node: StoredNode) => boolean;

export function compileFilter(expr: FilterExpr): NodePredicate {
  if (expr.op === 'term') {
    const get = FIELDS[expr.field]!;
    const match = valueMatcher(expr.field, expr.value);
    return (node) => {
      const v = get(node);
      if (v === undefined) return false;
      return Array.isArray(v) ? v.some(match) : match(v);
    };
  }
  const parts = expr.items.map(compileFilter);
  return expr.op === 'and' ? (n) => parts.every((p) => p(n)) : (n) => parts.some((p) => p(n));
}

/** Whether the query names a status itself; without one, trashed nodes are left out. */
export function mentionsField(expr: FilterExpr | undefined, field: string): boolean {
  if (!expr) return false;
  if (expr.op === 'term') return expr.field === field;
  return expr.items.some((e) => mentionsField(e, field));
}

/** Parent ids every match must have (from top-level AND'ed `parents:` clauses), to narrow the scan. */
export function requiredParent(expr: FilterExpr | undefined): string | undefined {
  if (!expr) return undefined;
  const terms = expr.op === 'and' ? expr.items : [expr];
  for (const t of terms) {
    if (t.op === 'term' && t.field === 'parents' && t.value.length === 1 && 'literal' in t.value[0]!) return t.value[0].literal;
  }
  return undefined;
}
