import { Readable } from 'node:stream';
import {
  byteSlice,
  FatalBackendError,
  isRetryable,
  multipartBody,
  type HttpClient,
  type Logger,
  type Pacer,
} from '@rsyncish/core';
import { escapeFilterValue } from '../filter-value.js';
import { AcdConsistencyError } from '../errors.js';
import { readChanges, type ChangeBatch } from './changes.js';
import type { AcdEndpoints, AcdNode, AcdNodeList, AcdQuota, AcdUsage } from './types.js';

export interface ByteRange {
  start: number;
  /** Exclusive; absent = to the end. */
  end?: number;
}

/**
 * The Amazon Drive v1 REST calls rsyncish makes, exactly as rclone made them.
 * Metadata calls go through the pacer with retries; uploads are paced but never
 * retried here (the backend's upload check and the engine's run retries do that).
 * Names passed in and out are as stored on the server (already encoded).
 */
export class AcdApi {
  private endpointsPromise?: Promise<AcdEndpoints>;

  constructor(
    private readonly http: HttpClient,
    private readonly pacer: Pacer,
    /** Discovery base: `<endpoint>account/endpoint`. */
    private readonly endpoint: string,
    private readonly logger: Logger,
  ) {}

  /** `account/endpoint`, once per backend; a failed discovery is tried again next time. */
  endpoints(): Promise<AcdEndpoints> {
    this.endpointsPromise ??= this.discover().catch((err: unknown) => {
      this.endpointsPromise = undefined;
      throw err;
    });
    return this.endpointsPromise;
  }

  private async discover(): Promise<AcdEndpoints> {
    const url = new URL('account/endpoint', this.endpoint).toString();
    const reply = await this.pacer.call(() => this.http.json<Partial<AcdEndpoints>>({ method: 'GET', url }), 'account/endpoint');
    // Keep a URL only when it is non-empty and parses, as go-acd does; both must end in `/`.
    const pick = (value: unknown, fallback: string | undefined, what: string): string => {
      if (typeof value === 'string' && value !== '' && URL.canParse(value)) return value.endsWith('/') ? value : `${value}/`;
      if (fallback) return fallback;
      throw new FatalBackendError(`GET ${url}: the reply has no usable ${what}`, {
        hint: 'check the endpoint option: it must be the Drive API base URL ending in /drive/v1/',
      });
    };
    const endpoints = {
      metadataUrl: pick(reply.metadataUrl, undefined, 'metadataUrl'),
      contentUrl: pick(reply.contentUrl, 'https://content-na.drive.amazonaws.com/cdproxy/', 'contentUrl'),
    };
    this.logger.debug(`acd: metadata at ${endpoints.metadataUrl}, content at ${endpoints.contentUrl}`);
    return endpoints;
  }

  private async meta(path: string): Promise<string> {
    return new URL(path, (await this.endpoints()).metadataUrl).toString();
  }

  private async content(path: string): Promise<string> {
    return new URL(path, (await this.endpoints()).contentUrl).toString();
  }

  /** The root folder (`kind:FOLDER AND isRoot:true`, first hit). */
  async root(): Promise<AcdNode> {
    const url = await this.meta('nodes');
    const list = await this.pacer.call(
      () => this.http.json<AcdNodeList>({ method: 'GET', url, query: { filters: 'kind:FOLDER AND isRoot:true' } }),
      'root lookup',
    );
    const root = list.data?.[0];
    if (!root?.id) throw new FatalBackendError(`GET ${url}: No root found`);
    return root;
  }

  /**
   * Every node under a folder (`parents:<id>`), all pages. A retryable failure
   * of any page, "Next token is expired" included, starts the listing again,
   * up to the low-level retry count.
   */
  async children(parentId: string): Promise<AcdNode[]> {
    const url = await this.meta('nodes');
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.allPages(url, `parents:${parentId}`);
      } catch (err) {
        if (!isRetryable(err) || attempt >= this.pacer.attempts) throw err;
        this.pacer.logRetry(attempt, err, 'listing');
        this.logger.debug(`acd: listing ${parentId} again from the start (${(err as Error).message})`);
      }
    }
  }

  private async allPages(url: string, filters: string): Promise<AcdNode[]> {
    const out: AcdNode[] = [];
    let startToken: string | undefined;
    for (;;) {
      const page = await this.pacer.callNoRetry(() =>
        this.http.json<AcdNodeList>({ method: 'GET', url, query: { filters, startToken } }));
      const data = page.data ?? [];
      out.push(...data);
      // An empty page ends the listing even if it carries a token.
      if (!page.nextToken || data.length === 0) return out;
      startToken = page.nextToken;
    }
  }

  /** The one child with this (encoded) name, or undefined. Two hits is an error. */
  async findChild(parentId: string, name: string): Promise<AcdNode | undefined> {
    const url = await this.meta('nodes');
    const filters = `parents:"${parentId}" AND name:"${escapeFilterValue(name)}"`;
    const list = await this.pacer.call(() => this.http.json<AcdNodeList>({ method: 'GET', url, query: { filters } }), 'name lookup');
    // As rclone, only AVAILABLE nodes count: a broken upload's PENDING node
    // (or a trashed one) shares the name without being the file.
    const data = (list.data ?? []).filter((n) => (n.status ?? 'AVAILABLE') === 'AVAILABLE');
    if (data.length > 1) {
      throw new AcdConsistencyError(`Too many nodes named ${JSON.stringify(name)} in folder ${parentId} (${data.length})`, {
        hint: 'rename or remove the duplicates on the server',
      });
    }
    return data[0];
  }

  /**
   * Nodes named `name` in the folder that an interrupted upload left PENDING
   * with no content (the service keeps one when the body breaks off).
   */
  async interruptedUploads(parentId: string, name: string): Promise<AcdNode[]> {
    const url = await this.meta('nodes');
    const filters = `parents:"${parentId}" AND name:"${escapeFilterValue(name)}" AND status:PENDING`;
    const list = await this.pacer.call(() => this.http.json<AcdNodeList>({ method: 'GET', url, query: { filters } }), 'interrupted upload lookup');
    return (list.data ?? []).filter((n) => n.kind === 'FILE' && n.contentProperties === undefined);
  }

  async node(id: string, tempLink = false): Promise<AcdNode> {
    const url = await this.meta(`nodes/${id}`);
    return this.pacer.call(() => this.http.json<AcdNode>({ method: 'GET', url, query: tempLink ? { tempLink: 'true' } : {} }), 'get node');
  }

  /** `account/quota`: the account's quota and the bytes still available. */
  async quota(): Promise<AcdQuota> {
    const url = await this.meta('account/quota');
    return this.pacer.call(() => this.http.json<AcdQuota>({ method: 'GET', url }), 'account quota');
  }

  /** `account/usage`: bytes and counts per category (doc, photo, video, other). */
  async usage(): Promise<AcdUsage> {
    const url = await this.meta('account/usage');
    return this.pacer.call(() => this.http.json<AcdUsage>({ method: 'GET', url }), 'account usage');
  }

  /** POST nodes {FOLDER}; a 409 surfaces as AlreadyExistsError for the caller to resolve. */
  async createFolder(parentId: string, name: string): Promise<AcdNode> {
    const url = await this.meta('nodes');
    return this.pacer.call(
      () => this.http.json<AcdNode>({ method: 'POST', url, json: { name, kind: 'FOLDER', parents: [parentId] }, expect: [200, 201] }),
      'mkdir',
    );
  }

  /** Multipart upload of a new file; one attempt only. */
  async upload(parentId: string, name: string, content: Readable, contentType: string, size: number, signal?: AbortSignal): Promise<AcdNode> {
    const url = await this.content('nodes');
    const { body, contentType: type } = multipartBody([
      { name: 'metadata', value: JSON.stringify({ name, kind: 'FILE', parents: [parentId] }) },
      { name: 'content', filename: name, contentType, stream: content },
    ]);
    const payload = size === 0 ? await buffered(body) : body;
    return this.pacer.callNoRetry(() => this.http.json<AcdNode>({
      method: 'POST', url, query: { suppress: 'deduplication' }, headers: { 'content-type': type }, body: payload, expect: [200, 201], signal,
    }));
  }

  /** Replace a file's bytes in place (PUT nodes/{id}/content); one attempt only. */
  async overwrite(id: string, name: string, content: Readable, contentType: string, size: number, signal?: AbortSignal): Promise<AcdNode> {
    const url = await this.content(`nodes/${id}/content`);
    const { body, contentType: type } = multipartBody([{ name: 'content', filename: name, contentType, stream: content }]);
    const payload = size === 0 ? await buffered(body) : body;
    return this.pacer.callNoRetry(() => this.http.json<AcdNode>({
      method: 'PUT', url, headers: { 'content-type': type }, body: payload, expect: [200, 201], signal,
    }));
  }

  /** A file's bytes from the content host (with the token). */
  async download(id: string, range?: ByteRange, signal?: AbortSignal): Promise<Readable> {
    const url = await this.content(`nodes/${id}/content`);
    return this.fetchBytes(url, range, true, signal);
  }

  /** A file's bytes through a fresh tempLink: asked for with the token, fetched without it. */
  async downloadViaTempLink(id: string, range?: ByteRange, signal?: AbortSignal): Promise<Readable> {
    const node = await this.node(id, true);
    if (!node.tempLink) throw new FatalBackendError(`node ${id} has no tempLink`, { hint: 'raise --acd-templink-threshold to download it directly' });
    return this.fetchBytes(node.tempLink, range, false, signal);
  }

  private fetchBytes(url: string, range: ByteRange | undefined, auth: boolean, signal?: AbortSignal): Promise<Readable> {
    const headers: Record<string, string> = {};
    if (range && (range.start > 0 || range.end !== undefined)) {
      headers['range'] = `bytes=${range.start}-${range.end !== undefined ? range.end - 1 : ''}`;
    }
    return this.pacer.call(async () => {
      const res = await this.http.request({ method: 'GET', url, headers, auth, redactPath: !auth, signal });
      // A server that ignores Range answers 200 with everything: cut it here.
      if (res.status === 200 && headers['range']) return res.body.pipe(byteSlice(range!.start, range!.end));
      return res.body;
    }, 'download');
  }

  /** POST changes since a checkpoint (none = everything, with reset). */
  async changes(checkpoint?: string): Promise<ChangeBatch> {
    const url = await this.meta('changes');
    const json: Record<string, string> = { includePurged: 'true' };
    if (checkpoint) json['checkpoint'] = checkpoint;
    return this.pacer.call(async () => readChanges((await this.http.request({ method: 'POST', url, json })).body), 'changes');
  }

  async trash(id: string): Promise<AcdNode> {
    const url = await this.meta(`trash/${id}`);
    return this.pacer.call(() => this.http.json<AcdNode>({ method: 'PUT', url, body: '' }), 'trash');
  }

  async restore(id: string): Promise<AcdNode> {
    const url = await this.meta(`trash/${id}/restore`);
    return this.pacer.call(() => this.http.json<AcdNode>({ method: 'POST', url, body: '' }), 'restore');
  }

  async rename(id: string, name: string): Promise<AcdNode> {
    const url = await this.meta(`nodes/${id}`);
    return this.pacer.call(() => this.http.json<AcdNode>({ method: 'PATCH', url, json: { name } }), 'rename');
  }

  /** POST nodes/{to}/children {fromParent, childId}. */
  async move(id: string, fromParent: string, toParent: string): Promise<AcdNode> {
    const url = await this.meta(`nodes/${toParent}/children`);
    return this.pacer.call(() => this.http.json<AcdNode>({ method: 'POST', url, json: { fromParent, childId: id } }), 'move');
  }

  async addParent(id: string, parentId: string): Promise<void> {
    const url = await this.meta(`nodes/${parentId}/children/${id}`);
    await this.pacer.call(async () => (await this.http.request({ method: 'PUT', url, body: '' })).body.resume(), 'add parent');
  }

  async removeParent(id: string, parentId: string): Promise<void> {
    const url = await this.meta(`nodes/${parentId}/children/${id}`);
    await this.pacer.call(async () => (await this.http.request({ method: 'DELETE', url })).body.resume(), 'remove parent');
  }
}

async function buffered(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of body) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

