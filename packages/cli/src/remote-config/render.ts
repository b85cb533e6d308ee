import type { BackendRegistry } from '@rsyncish/core';

/** What a secret value shows as: rclone's redaction marker. */
export const REDACTED = 'XXX';

/** A section's values with every option its backend marks secret (or password) replaced by XXX. */
export function redact(values: Record<string, string>, registry: BackendRegistry): Record<string, string> {
  const def = registry.get(values.type ?? '');
  const secret = new Set(def?.options.filter((o) => o.secret || o.password).map((o) => o.name));
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, secret.has(k) && v !== '' ? REDACTED : v]));
}

/** rclone's `config show` format: `[name]` then `key = value` lines. */
export function sectionText(name: string, values: Record<string, string>): string {
  return [`[${name}]`, ...Object.entries(values).map(([k, v]) => `${k} = ${v}`)].join('\n');
}
