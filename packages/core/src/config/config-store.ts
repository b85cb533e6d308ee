import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { ConfigError } from '../errors/index.js';
import { withFileLock, type FileLockOptions } from './file-lock.js';
import { parseConfig, serializeConfig, type ConfigSections } from './ini-format.js';

/** Where the config lives: --config, then $RSYNCISH_CONFIG, then the XDG default. */
export function defaultConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.RSYNCISH_CONFIG) return env.RSYNCISH_CONFIG;
  const base = env.XDG_CONFIG_HOME || join(homedir(), '.config');
  return join(base, 'rsyncish', 'rsyncish.conf');
}

/**
 * The INI config file. Reads are lazy and cached. Every write takes the file's
 * lock (`<file>.lock`, see file-lock.ts), re-reads the file under it (another
 * process may have added a remote or refreshed a token), applies its change and
 * replaces the file atomically (temp file + rename) with mode 0600 because it
 * holds secrets. So concurrent runs never lose each other's updates.
 */
export class ConfigStore {
  private sections?: ConfigSections;
  // Writes from this process one at a time, so they queue here instead of polling the lock file.
  private writes: Promise<unknown> = Promise.resolve();

  constructor(
    readonly path: string,
    private readonly lockOptions: FileLockOptions = {},
  ) {}

  async load(): Promise<ConfigSections> {
    if (this.sections) return this.sections;
    let text: string;
    try {
      text = await fs.readFile(this.path, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') {
        this.sections = new Map();
        return this.sections;
      }
      throw new ConfigError(`cannot read config file ${this.path}: ${(err as Error).message}`, {
        hint: 'check the file permissions or pass another file with --config',
      });
    }
    this.sections = parseConfig(text, this.path);
    return this.sections;
  }

  async remotes(): Promise<string[]> {
    return [...(await this.load()).keys()];
  }

  async get(remote: string): Promise<Record<string, string> | undefined> {
    const s = (await this.load()).get(remote);
    return s ? Object.fromEntries(s) : undefined;
  }

  /** Replace or merge a remote's section, then save. */
  async set(remote: string, values: Record<string, string>, merge = true): Promise<void> {
    await this.update((sections) => {
      const next = merge ? new Map(sections.get(remote) ?? []) : new Map<string, string>();
      for (const [k, v] of Object.entries(values)) next.set(k, v);
      sections.set(remote, next);
    });
  }

  async delete(remote: string): Promise<boolean> {
    let existed = false;
    await this.update((sections) => {
      existed = sections.delete(remote);
    });
    return existed;
  }

  /**
   * Set keys of a remote that exists, keeping its other keys; false (and nothing
   * written) when the remote is gone. For a backend saving its own state, such
   * as a refreshed token: a remote deleted meanwhile must not come back half-made.
   */
  async patch(remote: string, values: Record<string, string>): Promise<boolean> {
    let found = false;
    await this.update((sections) => {
      const section = sections.get(remote);
      if (!section) return;
      found = true;
      for (const [k, v] of Object.entries(values)) section.set(k, v);
    });
    return found;
  }

  /** Under the lock: read fresh, apply the change, write atomically. */
  update(change: (sections: ConfigSections) => void): Promise<void> {
    const run = () =>
      withFileLock(
        this.path,
        async () => {
          this.sections = undefined;
          const sections = await this.load();
          try {
            const before = serializeConfig(sections, this.path);
            change(sections);
            const text = serializeConfig(sections, this.path);
            if (text !== before) await writeFileAtomic(this.path, text, 0o600);
          } catch (err) {
            this.sections = undefined; // the cache must not keep a change that was not written
            throw err;
          }
        },
        this.lockOptions,
      );
    const done = this.writes.then(run, run);
    this.writes = done.catch(() => {});
    return done;
  }
}

export async function writeFileAtomic(path: string, data: string, mode: number): Promise<void> {
  await fs.mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await fs.writeFile(tmp, data, { mode });
    await fs.chmod(tmp, mode); // umask may have narrowed or widened writeFile's mode
    await fs.rename(tmp, path);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw err;
  }
}
