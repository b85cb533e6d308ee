import { createHash, createHmac } from 'node:crypto';
import type { S3Credentials } from './credentials.js';

/** What the S3 client needs from a SigV4 signer. */
export interface RequestSigner {
  sign(request: SignableRequest): Promise<Record<string, string>>;
}

export interface SignableRequest {
  method: string;
  protocol: string;
  hostname: string;
  port?: number;
  /** Already URI-encoded, as sent (S3 signs the path as it is on the wire). */
  path: string;
  query: Record<string, string>;
  /** Lower-case names; must include host and x-amz-content-sha256. */
  headers: Record<string, string>;
}

/**
 * Headers a proxy or the HTTP stack may add, drop or rewrite on the way:
 * signing them would break the signature (the set AWS's own signers leave out).
 */
const UNSIGNABLE = new Set([
  'authorization', 'cache-control', 'connection', 'expect', 'from', 'keep-alive', 'max-forwards',
  'pragma', 'referer', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'user-agent', 'x-amzn-trace-id',
]);

/**
 * AWS Signature Version 4 for S3, on node:crypto. It was @smithy/signature-v4
 * until that package and its helpers proved to cost 16 MiB of resident memory
 * and ~100 ms of start-up per s3 command, for some sixty lines of
 * well-specified hashing; signer.test.ts checks every signature against
 * smithy's for the same requests.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html
 */
export async function createSigner(credentials: S3Credentials, region: string, now: () => Date = () => new Date()): Promise<RequestSigner> {
  // The day's signing key depends only on the date: kept until the date changes.
  let keyDay = '';
  let key: Buffer = Buffer.alloc(0);
  const signingKey = (day: string): Buffer => {
    if (day !== keyDay) {
      const kDate = hmac(`AWS4${credentials.secretAccessKey}`, day);
      key = hmac(hmac(hmac(kDate, region), 's3'), 'aws4_request');
      keyDay = day;
    }
    return key;
  };
  return {
    async sign(request) {
      const amzDate = now().toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
      const day = amzDate.slice(0, 8);
      const headers: Record<string, string> = { ...request.headers, 'x-amz-date': amzDate };
      if (credentials.sessionToken) headers['x-amz-security-token'] = credentials.sessionToken;
      const names = Object.keys(headers).map((n) => n.toLowerCase()).filter((n) => !UNSIGNABLE.has(n) && !n.startsWith('proxy-') && !n.startsWith('sec-')).sort();
      const lower: Record<string, string> = {};
      for (const [n, v] of Object.entries(headers)) lower[n.toLowerCase()] = v;
      const signedHeaders = names.join(';');
      const canonicalRequest = [
        request.method,
        request.path,
        canonicalQuery(request.query),
        names.map((n) => `${n}:${String(lower[n]).trim().replace(/\s+/g, ' ')}\n`).join(''),
        signedHeaders,
        lower['x-amz-content-sha256'] ?? 'UNSIGNED-PAYLOAD',
      ].join('\n');
      const scope = `${day}/${region}/s3/aws4_request`;
      const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
      const signature = hmac(signingKey(day), stringToSign).toString('hex');
      headers['authorization'] = `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
      return headers;
    },
  };
}

/** Keys and values encoded as RFC 3986 says (only unreserved characters left bare), sorted by key then value. */
function canonicalQuery(query: Record<string, string>): string {
  return Object.entries(query)
    .map(([k, v]) => [uriEncode(k), uriEncode(v)] as const)
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

function uriEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

/** Lower-case hex SHA-256, for x-amz-content-sha256 of small bodies. */
export function sha256Hex(body: Uint8Array | string): string {
  return createHash('sha256').update(body).digest('hex');
}
