import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
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
 * node:crypto behind the hash interface smithy's signer takes (a constructor
 * with an optional HMAC key), so signing needs no pure-JS SHA-256.
 */
class NodeSha256 {
  private readonly h: Hash | Hmac;
  constructor(secret?: string | Uint8Array | ArrayBuffer | ArrayBufferView) {
    this.h = secret === undefined ? createHash('sha256') : createHmac('sha256', toBuffer(secret));
  }
  update(data: Uint8Array | string): void {
    this.h.update(data);
  }
  async digest(): Promise<Uint8Array> {
    return this.h.digest();
  }
  reset(): void {
    throw new Error('NodeSha256 cannot be reset');
  }
}

function toBuffer(v: string | Uint8Array | ArrayBuffer | ArrayBufferView): Buffer {
  if (typeof v === 'string') return Buffer.from(v, 'utf8');
  if (v instanceof ArrayBuffer) return Buffer.from(v);
  return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
}

/**
 * AWS Signature Version 4 with @smithy/signature-v4, imported here and only
 * here, when a remote is opened: commands that never open an s3 remote never
 * load it.
 */
export async function createSigner(credentials: S3Credentials, region: string): Promise<RequestSigner> {
  const { SignatureV4 } = await import('@smithy/signature-v4');
  const signer = new SignatureV4({
    service: 's3',
    region,
    credentials,
    sha256: NodeSha256,
    // S3 signs the path exactly as sent: no normalisation, no second encoding.
    uriEscapePath: false,
    applyChecksum: false,
  });
  return {
    async sign(request) {
      const signed = await signer.sign({ ...request, headers: { ...request.headers } });
      return signed.headers as Record<string, string>;
    },
  };
}

/** Lower-case hex SHA-256, for x-amz-content-sha256 of small bodies. */
export function sha256Hex(body: Uint8Array | string): string {
  return createHash('sha256').update(body).digest('hex');
}
