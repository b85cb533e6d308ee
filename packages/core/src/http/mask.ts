/**
 * Query keys whose values are credentials or capabilities and never appear in
 * logs or errors. `upload_id` is a GCS resumable session: whoever has it may
 * write to the upload.
 */
const SECRET_KEY = /token|secret|password|passwd|key|sig|credential|code|auth|session|upload_?id/i;

/**
 * A URL fit for an error message: query values that look like secrets become
 * `***`. With `redactPath`, the path (a capability such as a tempLink) goes too.
 */
export function maskUrl(url: string | URL, redactPath = false): string {
  let u: URL;
  try {
    u = new URL(String(url));
  } catch {
    return '<invalid URL>';
  }
  if (u.username || u.password) {
    u.username = '***';
    u.password = '';
  }
  if (redactPath) return `${u.origin}/***`;
  const keys = [...new Set(u.searchParams.keys())];
  for (const k of keys) {
    if (SECRET_KEY.test(k)) u.searchParams.set(k, '***');
  }
  return u.toString();
}

const SECRET_HEADER = /^(authorization|proxy-authorization|cookie|set-cookie|x-amz-security-token)$/i;

/** Headers fit for an error message: credentials replaced by `***` (the scheme word is kept). */
export function maskHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string | string[] | undefined> {
  const out: Record<string, string | string[] | undefined> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (!SECRET_HEADER.test(k) || v === undefined) {
      out[k] = v;
      continue;
    }
    const first = Array.isArray(v) ? v[0] ?? '' : v;
    const scheme = /^(Bearer|Basic)\s/i.exec(first)?.[1];
    out[k] = scheme ? `${scheme} ***` : '***';
  }
  return out;
}
