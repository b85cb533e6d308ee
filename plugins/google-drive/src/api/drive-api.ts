import type { Readable } from 'node:stream';
import { byteSlice, discard, FatalBackendError, readText, type HttpClient, type Pacer } from '@rsyncish/core';
import { relatedBody } from './multipart-related.js';
import { FILE_FIELDS, type DriveAbout, type DriveFile, type DriveFileList } from './types.js';

export interface ByteRange {
  start: number;
  /** Exclusive; absent = to the end. */
  end?: number;
}

/** Metadata of a file being created or changed (files.create / files.update request body). */
export interface FileMetadata {
  name?: string;
  mimeType?: string;
  parents?: string[];
  modifiedTime?: string;
  trashed?: boolean;
}

/** Where a resumable session stands after a chunk: done with the file, or the bytes the server holds. */
export type ChunkResult = { done: DriveFile } | { received: number };

/** `Range: bytes=0-N` of a 308 -> N + 1 bytes held; no header -> none. */
export function receivedFromRange(range: string | undefined): number {
  const m = /bytes=0-(\d+)/.exec(range ?? '');
  return m ? Number(m[1]) + 1 : 0;
}

/**
 * The Drive API v3 calls rsyncish makes. Metadata calls go through the pacer
 * with retries; uploads are paced but retried by their callers, which know
 * what can be sent again.
 */
export class DriveApi {
  constructor(
    private readonly http: HttpClient,
    private readonly pacer: Pacer,
    /** Root of the Google APIs, ending in `/`. */
    private readonly endpoint: string,
    /** pageSize of a listing; 0 = the server's default. */
    private readonly listChunk = 1000,
  ) {}

  private url(path: string): string {
    return new URL(path, this.endpoint).toString();
  }

  get attempts(): number {
    return this.pacer.attempts;
  }

  async getFile(id: string): Promise<DriveFile> {
    const url = this.url(`drive/v3/files/${encodeURIComponent(id)}`);
    return this.pacer.call(() => this.http.json<DriveFile>({ method: 'GET', url, query: { fields: FILE_FIELDS, supportsAllDrives: true } }), 'get file');
  }

  /** Every file matching `q`, all pages of list_chunk files. */
  async list(q: string): Promise<DriveFile[]> {
    const url = this.url('drive/v3/files');
    const out: DriveFile[] = [];
    let pageToken: string | undefined;
    do {
      const query = { q, fields: `files(${FILE_FIELDS}),nextPageToken,incompleteSearch`, pageSize: this.listChunk || undefined, pageToken, supportsAllDrives: true, includeItemsFromAllDrives: true };
      const page = await this.pacer.call(() => this.http.json<DriveFileList>({ method: 'GET', url, query }), 'list');
      out.push(...(page.files ?? []));
      pageToken = page.nextPageToken || undefined;
    } while (pageToken);
    return out;
  }

  /** Whether anything matches `q` (one file asked for). */
  async any(q: string): Promise<boolean> {
    const url = this.url('drive/v3/files');
    const query = { q, fields: 'files(id)', pageSize: 1, supportsAllDrives: true, includeItemsFromAllDrives: true };
    const page = await this.pacer.call(() => this.http.json<DriveFileList>({ method: 'GET', url, query }), 'list');
    return (page.files ?? []).length > 0;
  }

  async create(meta: FileMetadata): Promise<DriveFile> {
    const url = this.url('drive/v3/files');
    return this.pacer.call(() => this.http.json<DriveFile>({ method: 'POST', url, query: { fields: FILE_FIELDS, supportsAllDrives: true }, json: meta }), 'create');
  }

  /** files.update of metadata: rename, move between parents, set modifiedTime, trash. */
  async update(id: string, meta: FileMetadata, parents: { add?: string; remove?: string } = {}): Promise<DriveFile> {
    const url = this.url(`drive/v3/files/${encodeURIComponent(id)}`);
    const query = { fields: FILE_FIELDS, supportsAllDrives: true, addParents: parents.add, removeParents: parents.remove };
    return this.pacer.call(() => this.http.json<DriveFile>({ method: 'PATCH', url, query, json: meta }), 'update');
  }

  async copy(id: string, meta: FileMetadata): Promise<DriveFile> {
    const url = this.url(`drive/v3/files/${encodeURIComponent(id)}/copy`);
    return this.pacer.call(() => this.http.json<DriveFile>({ method: 'POST', url, query: { fields: FILE_FIELDS, supportsAllDrives: true }, json: meta }), 'copy');
  }

  /** Delete for good, bypassing the trash. */
  async delete(id: string): Promise<void> {
    const url = this.url(`drive/v3/files/${encodeURIComponent(id)}`);
    await this.pacer.call(async () => discard((await this.http.request({ method: 'DELETE', url, query: { supportsAllDrives: true } })).body), 'delete');
  }

  async about(fields: string): Promise<DriveAbout> {
    const url = this.url('drive/v3/about');
    return this.pacer.call(() => this.http.json<DriveAbout>({ method: 'GET', url, query: { fields } }), 'about');
  }

  /** One multipart upload (a new file, or new content for `fileId`); sent once, never retried here. */
  async uploadMultipart(meta: FileMetadata, content: Readable, contentType: string, fileId?: string, signal?: AbortSignal): Promise<DriveFile> {
    const url = this.url(fileId ? `upload/drive/v3/files/${encodeURIComponent(fileId)}` : 'upload/drive/v3/files');
    const { body, contentType: type } = relatedBody(meta, contentType, content);
    return this.pacer.callNoRetry(() => this.http.json<DriveFile>({
      method: fileId ? 'PATCH' : 'POST', url, signal,
      query: { uploadType: 'multipart', fields: FILE_FIELDS, supportsAllDrives: true },
      headers: { 'content-type': type }, body,
    }));
  }

  /** Open a resumable session; its URI comes back in Location. Retried: nothing is stored yet. */
  async startResumable(meta: FileMetadata, contentType: string, size: number, fileId?: string, signal?: AbortSignal): Promise<string> {
    const url = this.url(fileId ? `upload/drive/v3/files/${encodeURIComponent(fileId)}` : 'upload/drive/v3/files');
    const headers: Record<string, string> = { 'x-upload-content-type': contentType };
    if (size >= 0) headers['x-upload-content-length'] = String(size);
    return this.pacer.call(async () => {
      const res = await this.http.request({
        method: fileId ? 'PATCH' : 'POST', url, signal, headers, json: meta,
        query: { uploadType: 'resumable', fields: FILE_FIELDS, supportsAllDrives: true },
      });
      discard(res.body);
      const location = res.header('location');
      if (!location) throw new FatalBackendError(`POST ${url}: the resumable upload was not given a session URI (no Location)`);
      return new URL(location, url).toString();
    }, 'start upload');
  }

  /**
   * Send bytes [start, start + chunk.length) of a session; `total` is the
   * file's size, or -1 while it is not known (a streamed upload's last chunk
   * knows it). Sent once; the caller asks where the session stands on failure.
   */
  async sendChunk(uri: string, chunk: Buffer, start: number, total: number, signal?: AbortSignal): Promise<ChunkResult> {
    const size = total >= 0 ? String(total) : '*';
    const range = chunk.length > 0 ? `bytes ${start}-${start + chunk.length - 1}/${size}` : `bytes */${size}`;
    return this.pacer.callNoRetry(async () => {
      const res = await this.http.request({ method: 'PUT', url: uri, headers: { 'content-range': range }, body: chunk, expect: [200, 201, 308], signal });
      return this.chunkResult(res);
    });
  }

  /** Ask a session how much it holds: an empty PUT with `Content-Range: bytes *` + `/total`. */
  async sessionStatus(uri: string, total: number, signal?: AbortSignal): Promise<ChunkResult> {
    const size = total >= 0 ? String(total) : '*';
    return this.pacer.call(async () => {
      const res = await this.http.request({ method: 'PUT', url: uri, headers: { 'content-range': `bytes */${size}` }, body: '', expect: [200, 201, 308], signal });
      return this.chunkResult(res);
    }, 'upload status');
  }

  private async chunkResult(res: { status: number; body: Readable; header(name: string): string | undefined }): Promise<ChunkResult> {
    if (res.status === 308) {
      discard(res.body);
      return { received: receivedFromRange(res.header('range')) };
    }
    return { done: JSON.parse(await readText(res.body)) as DriveFile };
  }

  /** A file's bytes (`alt=media`), a range of them when asked. */
  async download(id: string, range?: ByteRange, signal?: AbortSignal): Promise<Readable> {
    const url = this.url(`drive/v3/files/${encodeURIComponent(id)}`);
    const headers: Record<string, string> = {};
    if (range && (range.start > 0 || range.end !== undefined)) {
      headers['range'] = `bytes=${range.start}-${range.end !== undefined ? range.end - 1 : ''}`;
    }
    return this.pacer.call(async () => {
      const res = await this.http.request({ method: 'GET', url, query: { alt: 'media', supportsAllDrives: true }, headers, signal });
      // A server that ignores Range answers 200 with everything: cut it here.
      if (res.status === 200 && headers['range']) return res.body.pipe(byteSlice(range!.start, range!.end));
      return res.body;
    }, 'download');
  }

  /** A Google Doc exported to `mimeType` (files.export). */
  async export(id: string, mimeType: string, signal?: AbortSignal): Promise<Readable> {
    const url = this.url(`drive/v3/files/${encodeURIComponent(id)}/export`);
    return this.pacer.call(async () => (await this.http.request({ method: 'GET', url, query: { mimeType }, signal })).body, 'export');
  }
}
