// The error replies of the Dropbox API, by status:
//   400 bad input: plain text naming the route ("Error in call to API function ...").
//   401 auth: {"error_summary":"expired_access_token/..","error":{".tag":"expired_access_token"}}
//   409 endpoint error: {"error_summary":"path/not_found/..","error":{".tag":"path","path":{".tag":"not_found"}}}
//   429 rate limit: {"error_summary":"too_many_requests/..","error":{"reason":{".tag":"too_many_requests"},"retry_after":1}}
//       with a Retry-After header.
//   5xx: plain text.

/** A union value in Dropbox's JSON: `{".tag": tag, tag: inner}` for nested unions. */
export interface Tagged {
  '.tag': string;
  [field: string]: unknown;
}

export class DropboxError extends Error {
  constructor(
    readonly status: number,
    /** A JSON body, or text sent as text/plain. */
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(typeof body === 'string' ? body : JSON.stringify(body));
  }
}

/**
 * error_summary joins the union tags from the outside in, with a trailing "/.." that the real
 * service appends (clients must match on prefixes, never the whole string).
 */
export function summaryOf(error: Tagged): string {
  const tags: string[] = [];
  let cur: unknown = error;
  while (cur !== null && typeof cur === 'object' && typeof (cur as Tagged)['.tag'] === 'string') {
    const tag = (cur as Tagged)['.tag'];
    tags.push(tag);
    // A struct variant (UploadWriteFailed) keeps the inner union in `reason`.
    cur = (cur as Tagged)[tag] ?? (cur as Tagged)['reason'];
  }
  return `${tags.join('/')}/..`;
}

/** Builds the nested union for a tag path: tagPath('path', 'conflict', 'folder'). */
export function tagPath(...tags: string[]): Tagged {
  let inner: Tagged | undefined;
  for (let i = tags.length - 1; i >= 0; i--) {
    const t: Tagged = { '.tag': tags[i]! };
    if (inner) t[tags[i]!] = inner;
    inner = t;
  }
  return inner!;
}

/** 409 with an endpoint error; `error` is the route's error union. */
export function endpointError(error: Tagged): DropboxError {
  return new DropboxError(409, { error_summary: summaryOf(error), error });
}

/** Shorthand for the common nested tags: conflict('path', 'path', 'conflict', 'folder'). */
export function endpointTags(...tags: string[]): DropboxError {
  return endpointError(tagPath(...tags));
}

export function badInput(route: string, message: string): DropboxError {
  return new DropboxError(400, `Error in call to API function "${route}": ${message}`);
}

export function authError(tag: 'invalid_access_token' | 'expired_access_token' | 'missing_scope'): DropboxError {
  const error = { '.tag': tag };
  return new DropboxError(401, { error_summary: summaryOf(error), error }, { 'WWW-Authenticate': 'Bearer' });
}

export function rateLimitError(reason: 'too_many_requests' | 'too_many_write_operations', retryAfterSeconds: number): DropboxError {
  const error = { reason: { '.tag': reason }, retry_after: retryAfterSeconds };
  return new DropboxError(
    429,
    { error_summary: `${reason}/..`, error },
    { 'Retry-After': String(retryAfterSeconds) },
  );
}

export function serverError(status: 500 | 503): DropboxError {
  return status === 503
    ? new DropboxError(503, 'Service Unavailable: retry later', { 'Retry-After': '1' })
    : new DropboxError(500, 'Internal Server Error');
}

/**
 * A lookup or write failure before it is put in a route's error union: the same `not_found` is
 * `path/not_found` from get_metadata, `path_lookup/not_found` from delete_v2 and
 * `from_lookup/not_found` from move_v2.
 */
export class Failure extends Error {
  constructor(
    readonly side: 'lookup' | 'write',
    readonly reason: Tagged,
  ) {
    super(summaryOf(reason));
  }
}

export const lookupFailure = (...tags: string[]): Failure => new Failure('lookup', tagPath(...tags));
export const writeFailure = (...tags: string[]): Failure => new Failure('write', tagPath(...tags));

/** Runs `work`, turning a Failure into the route's 409 with `wrap` choosing its union. */
export async function inRoute<T>(work: () => Promise<T> | T, wrap: (f: Failure) => Tagged): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof Failure) throw endpointError(wrap(err));
    throw err;
  }
}

/** The common case: `{".tag": name, name: reason}` for either side. */
export const under = (name: string) => (f: Failure): Tagged => ({ '.tag': name, [name]: f.reason });
