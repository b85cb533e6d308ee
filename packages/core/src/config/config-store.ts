import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { ConfigError } from '../errors/index.js';
import { parseConfig, serializeConfig, type ConfigSections } from './ini-format.js';

/** Where the config lives: --config, then $RSYNCISH_CONFIG, then the XDG default. */
export function defaultConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.RSYNCISH_CONFIG) return env.RSYNCISH_CONFIG;
  const base = env.XDG_CONFIG_HOME || join(homedir(), '.config');
  return join(base, 'rsyncish', 'rsyncish.conf');
}

/**
 * The INI config file. Reads are lazy and cached; every write re-reads the file
 * first (another process may have refreshed a token), then replaces it
 * atomically (temp file + rename) with mode 0600 because it holds secrets.
 */
export class ConfigStore {
  private sections?: ConfigSections;

  constructor(readonly path: string) {}

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

  /** Read fresh, apply the change, write atomically. */
  async update(change: (sections: ConfigSections) => void): Promise<void> {
    this.sections = undefined;
    const sections = await this.load();
    change(sections);
    await writeFileAtomic(this.path, serializeConfig(sections), 0o600);
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
