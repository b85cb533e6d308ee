import { open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileMetadata } from './drive.js';
import { newOpaque } from './ids.js';

/** One resumable upload: where its bytes go and what they become when the last one arrives. */
export interface UploadSession {
  id: string;
  /** Set for files.update uploads. */
  fileId?: string;
  meta: FileMetadata;
  addParents: string[];
  removeParents: string[];
  /** X-Upload-Content-Type of the initiating request. */
  mediaType?: string;
  /** Known from X-Upload-Content-Length or, at the latest, the last chunk's Content-Range. */
  total?: number;
  /** Bytes kept so far: the session file's length. */
  received: number;
  /** The `fields` of the initiating request: the final reply honours them. */
  fields: string | null;
  path: string;
  /** The file the finished upload made or updated; later status queries answer it again. */
  doneFileId?: string;
  /** Chunk requests of one session run one after another. */
  queue: Promise<void>;
}

/**
 * Open resumable upload sessions, each with a file under the data dir's tmp/ holding the bytes
 * received. Sessions live as long as the emulator process; after a restart a session URI answers
 * 404 and the client starts over, as it must when Drive forgets a session.
 */
export class ResumableSessions {
  private readonly sessions = new Map<string, UploadSession>();

  constructor(private readonly dir: string) {}

  async create(fields: Omit<UploadSession, 'id' | 'received' | 'path' | 'queue'>): Promise<UploadSession> {
    const id = `AB${newOpaque(48)}`;
    const path = join(this.dir, `upload-${id}`);
    await (await open(path, 'w')).close();
    const session: UploadSession = { ...fields, id, received: 0, path, queue: Promise.resolve() };
    this.sessions.set(id, session);
    return session;
  }

  get(id: string): UploadSession | undefined {
    return this.sessions.get(id);
  }

  /** Runs `work` after every earlier chunk request of the session has finished. */
  serialize<T>(session: UploadSession, work: () => Promise<T>): Promise<T> {
    const run = session.queue.then(work);
    session.queue = run.then(() => {}, () => {});
    return run;
  }

  /** The session's bytes have been taken into the store (or failed for good): forget the file, keep the outcome. */
  async finish(session: UploadSession, fileId: string): Promise<void> {
    session.doneFileId = fileId;
    await rm(session.path, { force: true });
  }

  async discard(session: UploadSession): Promise<void> {
    this.sessions.delete(session.id);
    await rm(session.path, { force: true });
  }

  /** How many are open (for tests and the control endpoint). */
  get open(): number {
    let n = 0;
    for (const s of this.sessions.values()) if (s.doneFileId === undefined) n++;
    return n;
  }
}
