/**
 * Partial responses: the `fields` parameter (https://developers.google.com/drive/api/guides/fields-parameter).
 * `a,b/c,files(id,name),*` selects keys; a selection applies to each element of an array.
 */

export class FieldsError extends Error {}

/** Selected key -> `true` (the whole value) or the selection inside it. */
export type FieldMask = Map<string, FieldMask | true>;

export const ALL: FieldMask = new Map([['*', true]]);

function merge(into: FieldMask, key: string, sub: FieldMask | true): void {
  const have = into.get(key);
  if (have === true || sub === true) into.set(key, true);
  else if (have === undefined) into.set(key, sub);
  else for (const [k, v] of sub) merge(have, k, v);
}

export function parseFields(text: string): FieldMask {
  let pos = 0;
  const list = (): FieldMask => {
    const mask: FieldMask = new Map();
    for (;;) {
      const m = /^\s*([A-Za-z0-9_*]+(?:\/[A-Za-z0-9_*]+)*)\s*/.exec(text.slice(pos));
      if (!m) throw new FieldsError(`Invalid field selection ${text}`);
      pos += m[0].length;
      const path = m[1]!.split('/');
      let sub: FieldMask | true = true;
      if (text[pos] === '(') {
        pos++;
        sub = list();
        if (text[pos] !== ')') throw new FieldsError(`Invalid field selection ${text}`);
        pos++;
        while (text[pos] === ' ') pos++;
      }
      for (let i = path.length - 1; i > 0; i--) sub = new Map([[path[i]!, sub]]);
      merge(mask, path[0]!, sub);
      if (text[pos] !== ',') return mask;
      pos++;
    }
  };
  const mask = list();
  if (pos !== text.length) throw new FieldsError(`Invalid field selection ${text}`);
  return mask;
}

/** The parts of `value` the mask selects. */
export function applyFields(value: unknown, mask: FieldMask | true): unknown {
  if (mask === true || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => applyFields(v, mask));
  const star = mask.get('*');
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const sel = mask.get(k) ?? star;
    if (sel !== undefined) out[k] = applyFields(v, sel);
  }
  return out;
}
