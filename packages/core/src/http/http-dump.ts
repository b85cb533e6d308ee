import type { HttpDump } from './transport.js';

/** rclone's separators around each dumped request and response. */
const REQUEST_RULE = '>'.repeat(60);
const RESPONSE_RULE = '<'.repeat(60);

/** Headers that carry credentials: shown as `XXXX` (the scheme word kept) unless --dump auth. */
const CREDENTIAL_HEADER = /^(authorization|proxy-authorization|cookie|set-cookie|x-auth-token|x-auth-key|x-auth-user|x-storage-token|x-storage-pass|x-subject-token|x-amz-security-token|x-amz-server-side-encryption-customer-key)$/i;

/** Names of body fields (JSON keys, form fields) whose values are secrets; always masked. */
const SECRET_FIELD = /token$|secret|password|passwd|^pass$|^key$|api_?key|access_?key|private_?key|credential|^code$|signature|session/i;
/** XML elements whose text is a secret; narrower, as S3's <Key> is an object's name. */
const SECRET_ELEMENT = /token|secret|password|credential|signature|session/i;

/** Bodies longer than this are cut in the dump: a file's bytes are not a log's business. */
export const DUMP_BODY_LIMIT = 64 * 1024;

type Headers = Record<string, string | string[] | undefined>;

export interface DumpedRequest {
  id: number;
  method: string;
  url: URL;
  headers: Headers;
  /** The body when it is in memory; a stream is described, not read. */
  body?: string | Uint8Array | 'stream';
}

export interface DumpedResponse {
  id: number;
  status: number;
  headers: Headers;
  body?: Uint8Array;
  /** Why the body is not shown (too large, binary), if it is not. */
  bodyNote?: string;
  error?: Error;
}

/** One request as `--dump` shows it: rclone's layout, with secrets masked. */
export function dumpRequest(dump: HttpDump, req: DumpedRequest): void {
  const lines = [`${req.method} ${req.url.pathname}${req.url.search} HTTP/1.1`, `Host: ${req.url.host}`, ...headerLines(req.headers, dump.auth)];
  if (dump.requestBodies && req.body !== undefined) {
    lines.push('', req.body === 'stream' ? '<streamed body, not shown>' : bodyText(req.body, contentType(req.headers)));
  }
  write(dump, REQUEST_RULE, `HTTP REQUEST (req ${req.id})`, lines);
}

/** One response (or the network error in its place). */
export function dumpResponse(dump: HttpDump, res: DumpedResponse): void {
  let lines: string[];
  if (res.error) {
    lines = [`Error: ${res.error.message}`];
  } else {
    lines = [`HTTP/1.1 ${res.status}`, ...headerLines(res.headers, dump.auth)];
    if (dump.responseBodies && (res.body !== undefined || res.bodyNote)) {
      lines.push('', res.bodyNote ?? bodyText(res.body!, contentType(res.headers)));
    }
  }
  write(dump, RESPONSE_RULE, `HTTP RESPONSE (req ${res.id})`, lines);
}

function write(dump: HttpDump, rule: string, title: string, lines: string[]): void {
  dump.write(rule);
  dump.write(title);
  dump.write(lines.join('\n'));
  dump.write(rule);
}

function headerLines(headers: Headers, showAuth: boolean): string[] {
  const out: string[] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) {
      out.push(`${canonical(name)}: ${!showAuth && CREDENTIAL_HEADER.test(name) ? maskCredential(v) : v}`);
    }
  }
  return out;
}

/** `Bearer abc` -> `Bearer XXXX`; anything else -> `XXXX` (as rclone shows Authorization). */
function maskCredential(value: string): string {
  const scheme = /^(Bearer|Basic|AWS4-HMAC-SHA256)\s/i.exec(value)?.[1];
  return scheme ? `${scheme} XXXX` : 'XXXX';
}

/** `content-type` -> `Content-Type`, the way Go prints header names. */
function canonical(name: string): string {
  return name.toLowerCase().replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase());
}

function contentType(headers: Headers): string {
  const entry = Object.entries(headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1];
  return (Array.isArray(entry) ? entry[0] : entry) ?? '';
}

/** A body fit for the log: text with secret fields masked, or a note for binary or long bodies. */
export function bodyText(body: string | Uint8Array, type: string): string {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body);
  if (bytes.length === 0) return '';
  const textual = /json|xml|text|x-www-form-urlencoded/i.test(type) || (type === '' && isUtf8Text(bytes));
  if (!textual) return `<${bytes.length} bytes of ${type || 'binary data'}, not shown>`;
  const cut = bytes.length > DUMP_BODY_LIMIT;
  const text = bytes.subarray(0, DUMP_BODY_LIMIT).toString('utf8');
  return maskBody(text, type) + (cut ? `\n<${bytes.length - DUMP_BODY_LIMIT} more bytes not shown>` : '');
}

function isUtf8Text(bytes: Buffer): boolean {
  const sample = bytes.subarray(0, 512);
  return !sample.includes(0) && Buffer.from(sample.toString('utf8'), 'utf8').equals(sample);
}

/** Secret values in JSON, form and XML bodies become XXXX; the field names stay to show what was sent. */
export function maskBody(text: string, type: string): string {
  if (/x-www-form-urlencoded/i.test(type)) {
    return text.split('&').map((pair) => {
      const eq = pair.indexOf('=');
      return eq > 0 && SECRET_FIELD.test(decodeURIComponent(pair.slice(0, eq).replace(/\+/g, ' '))) ? `${pair.slice(0, eq)}=XXXX` : pair;
    }).join('&');
  }
  // JSON: "key": "value" pairs with a secret-looking key, wherever they nest.
  let out = text.replace(/("([^"\\]*(?:\\.[^"\\]*)*)"\s*:\s*)"(?:[^"\\]|\\.)*"/g, (whole, head: string, key: string) =>
    SECRET_FIELD.test(key) ? `${head}"XXXX"` : whole);
  // XML: <SecretAccessKey>...</SecretAccessKey> and the like.
  out = out.replace(/<([A-Za-z][\w.-]*)>([^<]*)<\/\1>/g, (whole, tag: string) => (SECRET_ELEMENT.test(tag) ? `<${tag}>XXXX</${tag}>` : whole));
  return out;
}
