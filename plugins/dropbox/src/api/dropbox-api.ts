import type { Readable } from 'node:stream';
import { FatalBackendError, readText, type HttpClient, type Pacer } from '@rsyncish/core';
import { apiArgHeader } from './api-arg.js';
import type {
  FileMetadata,
  FinishBatchResult,
  ListFolderResult,
  Metadata,
  MetadataResult,
  SpaceUsage,
  UploadSessionCursor,
  UploadSessionFinishArg,
  CommitInfo,
} from './types.js';

export interface ByteRange {
  start: number;
  /** Exclusive; absent = to the end. */
  end?: number;
}

/** The reply of finish_batch (the asynchronous one) and of finish_batch/check. */
type BatchJobStatus = { '.tag': 'async_job_id'; async_job_id: string } | { '.tag': 'in_progress' } | ({ '.tag': 'complete' } & FinishBatchResult) | { '.tag': 'failed' | 'other' };

/**
 * The Dropbox API v2 calls rsyncish makes: RPC endpoints take and give JSON
 * at `<api>/2/<route>`; content endpoints take their argument in the
 * `Dropbox-API-Arg` header and the bytes as the body at `<content>/2/<route>`.
 * Every call is paced; those that can be sent again unchanged are retried.
 * Paths are as stored on the server (already encoded), `/`-rooted, '' for
 * the root folder in listings.
 */
export class DropboxApi {
  constructor(
    private readonly http: HttpClient,
    private readonly pacer: Pacer,
    private readonly apiEndpoint: string,
    private readonly contentEndpoint: string,
  ) {}

  /** One RPC call, retried while it fails with a retryable error. */
  rpc<T>(route: string, arg: unknown, what = route): Promise<T> {
    const url = `${this.apiEndpoint}/2/${route}`;
    // No-argument routes take the JSON `null`.
    return this.pacer.call(() => this.http.json<T>({ method: 'POST', url, headers: { 'content-type': 'application/json' }, json: arg ?? null }), what);
  }

  /** Every entry of one folder, following the cursor; a failed page is asked again, not the listing. */
  async listFolder(path: string): Promise<Metadata[]> {
    const entries: Metadata[] = [];
    let page = await this.rpc<ListFolderResult>('files/list_folder', { path, recursive: false, limit: 1000 }, `list ${path || '/'}`);
    for (;;) {
      entries.push(...page.entries);
      if (!page.has_more) return entries;
      page = await this.rpc<ListFolderResult>('files/list_folder/continue', { cursor: page.cursor }, `list ${path || '/'}`);
    }
  }

  getMetadata(path: string): Promise<Metadata> {
    return this.rpc<Metadata>('files/get_metadata', { path }, `get_metadata ${path}`);
  }

  async createFolder(path: string): Promise<Metadata> {
    return (await this.rpc<MetadataResult>('files/create_folder_v2', { path, autorename: false })).metadata;
  }

  /** With `parentRev` the call deletes only that version of a file, never a folder. */
  async delete(path: string, parentRev?: string): Promise<Metadata> {
    return (await this.rpc<MetadataResult>('files/delete_v2', parentRev ? { path, parent_rev: parentRev } : { path })).metadata;
  }

  async copy(from: string, to: string): Promise<Metadata> {
    return (await this.rpc<MetadataResult>('files/copy_v2', { from_path: from, to_path: to, autorename: false })).metadata;
  }

  async move(from: string, to: string): Promise<Metadata> {
    return (await this.rpc<MetadataResult>('files/move_v2', { from_path: from, to_path: to, autorename: false })).metadata;
  }

  spaceUsage(): Promise<SpaceUsage> {
    return this.rpc<SpaceUsage>('users/get_space_usage', null);
  }

  /**
   * The file's bytes, or the range of them; retried until the reply starts.
   * `metadata` is the file's, from the Dropbox-API-Result header, when the
   * reply carries it.
   */
  async download(path: string, range: ByteRange | undefined, signal?: AbortSignal): Promise<{ body: Readable; metadata?: FileMetadata }> {
    const headers: Record<string, string> = { 'dropbox-api-arg': apiArgHeader({ path }) };
    if (range && (range.start > 0 || range.end !== undefined)) {
      headers['range'] = `bytes=${range.start}-${range.end === undefined ? '' : range.end - 1}`;
    }
    const url = `${this.contentEndpoint}/2/files/download`;
    const res = await this.pacer.call(() => this.http.request({ method: 'POST', url, headers, signal }), `download ${path}`);
    return { body: res.body, metadata: parseResult(res.header('dropbox-api-result')) };
  }

  /** files/upload: the whole file in one request (at most 150 MiB). */
  upload(commit: CommitInfo, data: Buffer, signal?: AbortSignal): Promise<FileMetadata> {
    return this.content<FileMetadata>('files/upload', commit, data, signal, `upload ${commit.path}`);
  }

  /** Start an upload session with its first bytes; `close` when they are the last. */
  sessionStart(data: Buffer, close: boolean, signal?: AbortSignal): Promise<{ session_id: string }> {
    return this.content('files/upload_session/start', { close }, data, signal, 'upload_session/start');
  }

  /** One append, sent once: the uploader decides how to retry from the offset Dropbox committed. */
  async sessionAppend(cursor: UploadSessionCursor, data: Buffer, close: boolean, signal?: AbortSignal): Promise<void> {
    const res = await this.pacer.callNoRetry(() => this.http.request({
      method: 'POST',
      url: `${this.contentEndpoint}/2/files/upload_session/append_v2`,
      headers: { 'dropbox-api-arg': apiArgHeader({ cursor, close }), 'content-type': 'application/octet-stream' },
      body: data,
      signal,
    }));
    await readText(res.body);
  }

  sessionFinish(arg: UploadSessionFinishArg, signal?: AbortSignal): Promise<FileMetadata> {
    return this.content<FileMetadata>('files/upload_session/finish', arg, Buffer.alloc(0), signal, `upload_session/finish ${arg.commit.path}`);
  }

  /** finish_batch_v2: commit closed sessions at once; one result per entry, in order. */
  finishBatch(entries: UploadSessionFinishArg[]): Promise<FinishBatchResult> {
    return this.rpc<FinishBatchResult>('files/upload_session/finish_batch_v2', { entries }, `finish_batch_v2 of ${entries.length}`);
  }

  /**
   * finish_batch, then finish_batch/check until the job completes (rclone's
   * waits: 100 ms doubling to 1 s), for at most `timeoutMs`.
   */
  async finishBatchAsync(entries: UploadSessionFinishArg[], timeoutMs: number): Promise<FinishBatchResult> {
    const launched = await this.rpc<BatchJobStatus>('files/upload_session/finish_batch', { entries }, `finish_batch of ${entries.length}`);
    if (launched['.tag'] === 'complete') return launched;
    if (launched['.tag'] !== 'async_job_id') throw new FatalBackendError(`finish_batch: unexpected reply "${launched['.tag']}"`);
    const started = Date.now();
    for (let wait = 100; ; wait = Math.min(wait * 2, 1000)) {
      const status = await this.rpc<BatchJobStatus>('files/upload_session/finish_batch/check', { async_job_id: launched.async_job_id }, 'finish_batch/check');
      if (status['.tag'] === 'complete') return status;
      if (status['.tag'] !== 'in_progress') throw new FatalBackendError(`finish_batch/check: the batch job ended "${status['.tag']}"`);
      if (Date.now() - started > timeoutMs) {
        throw new FatalBackendError(`finish_batch/check: the batch did not complete in ${Math.round(timeoutMs / 1000)}s`, { hint: 'raise batch_commit_timeout' });
      }
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  /** A content call whose body is in memory, so a retry sends it again whole; the reply is JSON. */
  private content<T>(route: string, arg: unknown, data: Buffer, signal: AbortSignal | undefined, what: string): Promise<T> {
    const url = `${this.contentEndpoint}/2/${route}`;
    return this.pacer.call(() => this.http.json<T>({
      method: 'POST',
      url,
      headers: { 'dropbox-api-arg': apiArgHeader(arg), 'content-type': 'application/octet-stream' },
      body: data,
      signal,
    }), what);
  }
}

/** The JSON of a Dropbox-API-Result header; undefined when absent or unreadable. */
function parseResult(value: string | undefined): FileMetadata | undefined {
  if (!value) return undefined;
  try {
    const meta = JSON.parse(value) as FileMetadata;
    return meta && typeof meta === 'object' ? meta : undefined;
  } catch {
    return undefined;
  }
}
