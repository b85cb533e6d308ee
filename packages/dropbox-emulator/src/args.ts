import { badInput } from './errors.js';
import type { Tagged } from './errors.js';

export type Args = Record<string, unknown>;

/** Readers for the fields of an argument object; a wrong type is the API's 400 naming the field. */
export function argReader(route: string, given: Args | null, prefix = '') {
  // A null where an object belongs reads as one with no fields: each is then missing.
  const args: Args = given ?? {};
  const fail = (field: string, want: string, got: unknown): never => {
    throw badInput(route, `request body: ${prefix}${field}: expected ${want}, got ${got === undefined ? 'nothing' : JSON.stringify(got)}`);
  };
  return {
    string(field: string): string {
      const v = args[field];
      return typeof v === 'string' ? v : fail(field, 'string', v);
    },
    optString(field: string): string | undefined {
      const v = args[field];
      return v === undefined || v === null ? undefined : typeof v === 'string' ? v : fail(field, 'string', v);
    },
    bool(field: string, fallback: boolean): boolean {
      const v = args[field];
      return v === undefined || v === null ? fallback : typeof v === 'boolean' ? v : fail(field, 'boolean', v);
    },
    uint(field: string, fallback?: number): number {
      const v = args[field];
      if ((v === undefined || v === null) && fallback !== undefined) return fallback;
      return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : fail(field, 'integer', v);
    },
    object(field: string): Args {
      const v = args[field];
      return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Args) : fail(field, 'object', v);
    },
    list(field: string): unknown[] {
      const v = args[field];
      return Array.isArray(v) ? v : fail(field, 'list', v);
    },
    /** A union with no fields may be sent as its tag alone ("add") or as {".tag": "add"}. */
    union(field: string, fallback: string): Tagged {
      const v = args[field];
      if (v === undefined || v === null) return { '.tag': fallback };
      if (typeof v === 'string') return { '.tag': v };
      if (typeof v === 'object' && typeof (v as Tagged)['.tag'] === 'string') return v as Tagged;
      return fail(field, 'union', v);
    },
  };
}
