/**
 * JSON text as Go's encoding/json writes it, which rclone's lsjson and about
 * print: `<`, `>`, `&`, U+2028 and U+2029 escaped, control characters other
 * than \n \r \t as \u00XX (Go 1.19 has no \b or \f), and a lone surrogate
 * (a name that was not valid UTF-8) as U+FFFD. JSON.stringify differs on each.
 */
export function goJsonString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        out += s[i] + s[i + 1];
        i++;
        continue;
      }
    }
    if (c >= 0xd800 && c <= 0xdfff) out += '\ufffd';
    else if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += '\\\\';
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c === 0x09) out += '\\t';
    else if (c < 0x20 || c === 0x3c || c === 0x3e || c === 0x26 || c === 0x2028 || c === 0x2029) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += s[i];
  }
  return `${out}"`;
}

export type GoJsonValue = string | number | boolean | null | GoJsonValue[] | { [key: string]: GoJsonValue };

/**
 * A value as json.Marshal (indent '') or json.MarshalIndent (indent '\t')
 * prints it. Object keys keep their insertion order: rclone's structs have a
 * fixed field order, and its maps (Hashes) come sorted, which callers do.
 */
export function goJson(value: GoJsonValue, indent = '', depth = 0): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return goJsonString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const nl = indent === '' ? '' : `\n${indent.repeat(depth + 1)}`;
  const end = indent === '' ? '' : `\n${indent.repeat(depth)}`;
  const colon = indent === '' ? ':' : ': ';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[${value.map((v) => nl + goJson(v, indent, depth + 1)).join(',')}${end}]`;
  }
  const keys = Object.keys(value);
  if (keys.length === 0) return '{}';
  return `{${keys.map((k) => `${nl}${goJsonString(k)}${colon}${goJson(value[k], indent, depth + 1)}`).join(',')}${end}}`;
}
