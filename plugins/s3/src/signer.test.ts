import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { test } from 'node:test';
import { SignatureV4 } from '@smithy/signature-v4';
import { createSigner, sha256Hex, type SignableRequest } from './signer.js';

// Our signer against AWS's own implementation (@smithy/signature-v4, kept as a
// dev dependency for this check only), request by request.

const WHEN = new Date('2026-11-27T10:11:12.345Z');
const CREDS = { accessKeyId: 'test:tester', secretAccessKey: 'testing' };

class Sha256 {
  private readonly h;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    const key = typeof secret === 'string' || secret === undefined ? secret
      : ArrayBuffer.isView(secret) ? Buffer.from(secret.buffer, secret.byteOffset, secret.byteLength) : Buffer.from(secret);
    this.h = key === undefined ? createHash('sha256') : createHmac('sha256', key);
  }
  update(d: Uint8Array | string): void {
    this.h.update(d);
  }
  async digest(): Promise<Uint8Array> {
    return this.h.digest();
  }
  reset(): void {}
}

async function both(request: SignableRequest, credentials: typeof CREDS & { sessionToken?: string } = CREDS, region = 'us-east-1') {
  const ours = await (await createSigner(credentials, region, () => WHEN)).sign(request);
  const aws = new SignatureV4({ service: 's3', region, credentials, sha256: Sha256, uriEscapePath: false, applyChecksum: false });
  const theirs = (await aws.sign({ ...request, headers: { ...request.headers } }, { signingDate: WHEN })).headers as Record<string, string>;
  return { ours, theirs };
}

const base = (over: Partial<SignableRequest>): SignableRequest => ({
  method: 'GET',
  protocol: 'http:',
  hostname: '127.0.0.1',
  port: 18080,
  path: '/bucket',
  query: {},
  headers: { host: '127.0.0.1:18080', 'x-amz-content-sha256': sha256Hex('') },
  ...over,
});

const CASES: [string, SignableRequest][] = [
  ['a bucket listing with a sorted, encoded query', base({ query: { 'list-type': '2', prefix: 'dir with space/ü&=', delimiter: '/', 'max-keys': '1000' } })],
  ['an empty query value (?uploads)', base({ method: 'POST', path: '/bucket/key', query: { uploads: '' } })],
  ['a key with reserved characters, sent encoded', base({ method: 'HEAD', path: '/bucket/a%20b/%C3%BC%2B%28x%29.txt' })],
  ['a streamed upload with metadata and a length', base({
    method: 'PUT',
    path: '/bucket/big.bin',
    query: { partNumber: '3', uploadId: 'abc/def+ghi=' },
    headers: {
      host: '127.0.0.1:18080', 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD', 'content-length': '5242880',
      'content-type': 'application/octet-stream', 'x-amz-meta-mtime': '1700000000.123', 'x-amz-meta-md5chksum': ' spaced   value ',
    },
  })],
  ['headers that are never signed', base({ headers: { host: 'h', 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD', 'user-agent': 'rsyncish', expect: '100-continue' } })],
];

for (const [what, request] of CASES) {
  test(`SigV4 matches AWS's signer: ${what}`, async () => {
    const { ours, theirs } = await both(request);
    assert.equal(ours['authorization'], theirs['authorization']);
    assert.equal(ours['x-amz-date'], theirs['x-amz-date']);
  });
}

test('SigV4 with a session token signs x-amz-security-token, in another region', async () => {
  const { ours, theirs } = await both(base({}), { ...CREDS, sessionToken: 'tok/en+=' }, 'eu-west-3');
  assert.equal(ours['x-amz-security-token'], 'tok/en+=');
  assert.equal(ours['authorization'], theirs['authorization']);
});

test('the caller\'s headers are not changed', async () => {
  const request = base({});
  const before = JSON.stringify(request.headers);
  await (await createSigner(CREDS, 'us-east-1', () => WHEN)).sign(request);
  assert.equal(JSON.stringify(request.headers), before);
});
