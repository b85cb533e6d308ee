const FILTER_SPECIAL = new Set([...'+-&|!(){}[]^\'"~*?:\\ ']);

/** go-acd's EscapeForFilter: a backslash before each filter metacharacter (and space). */
export function escapeFilterValue(value: string): string {
  let out = '';
  for (const c of value) out += FILTER_SPECIAL.has(c) ? `\\${c}` : c;
  return out;
}
