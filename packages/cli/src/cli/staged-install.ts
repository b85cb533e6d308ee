import { existsSync } from 'node:fs';
import { cp, mkdir, rename, rm } from 'node:fs/promises';
import type { Config } from '@oclif/core';
import { UsageError } from '@rsyncish/core';

/** The ids of @oclif/plugin-plugins' install command and its alias. */
export const INSTALL_IDS = new Set(['plugins:install', 'plugins:add', 'plugins install', 'plugins add']);

/**
 * `plugins install` run against a copy of the plugin data dir. When the new
 * package fails to install or to load, @oclif/plugin-plugins uninstalls the
 * package of that name (the version that worked) or leaves the broken one in
 * its place; run on a copy, a failure leaves the real data dir as it was, and
 * only a complete, loaded install is swapped in. The copy sits beside the data
 * dir because npm records `file:` specs relative to it.
 */
export async function installStaged(config: Config, spec: string, install: () => Promise<unknown>): Promise<void> {
  const live = config.dataDir;
  const staging = `${live}.installing-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  if (existsSync(live)) await cp(live, staging, { recursive: true, verbatimSymlinks: true });
  else await mkdir(staging, { recursive: true });
  const npmErrors = watchNpmErrors();
  // The installer's command may load a Config of its own, which reads the data dir from the environment.
  const envName = config.scopedEnvVarKey('DATA_DIR');
  const envBefore = process.env[envName];
  config.dataDir = staging;
  process.env[envName] = staging;
  try {
    await install();
  } catch (err) {
    await rm(staging, { recursive: true, force: true });
    throw installFailure(spec, err, npmErrors.lines);
  } finally {
    config.dataDir = live;
    if (envBefore === undefined) delete process.env[envName];
    else process.env[envName] = envBefore;
    npmErrors.stop();
  }
  await swapIn(staging, live);
}

async function swapIn(staging: string, live: string): Promise<void> {
  const previous = `${live}.previous-${process.pid}`;
  const hadLive = existsSync(live);
  if (hadLive) await rename(live, previous);
  try {
    await rename(staging, live);
  } catch (err) {
    if (hadLive) await rename(previous, live);
    throw err;
  }
  await rm(previous, { recursive: true, force: true });
}

/**
 * npm's own explanation reaches the user only as its printed `npm error` lines
 * (the installer's error says just "exited with code 1"), so they are noted as
 * they pass, still printed.
 */
function watchNpmErrors(): { lines: string[]; stop(): void } {
  const lines: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
    for (const line of String(chunk).split('\n')) if (line.startsWith('npm error ')) lines.push(line.slice('npm error '.length).trim());
    return write(chunk, ...rest);
  }) as typeof process.stdout.write;
  return { lines, stop: () => void (process.stdout.write = write) };
}

/** One line naming why: npm's code and message when npm failed, else the installer's reason. */
function installFailure(spec: string, err: unknown, npmLines: string[]): UsageError {
  const code = npmLines.find((l) => l.startsWith('code '))?.slice('code '.length);
  const message = npmLines.find((l) => !/^(code |errno |syscall |A complete log)/.test(l) && l !== '');
  let cause: string;
  if (message !== undefined) cause = `npm${code ? ` ${code}` : ''}: ${message.replace(/\.$/, '')}`;
  else {
    const e = err as { message?: string; oclif?: unknown; suggestions?: string[] };
    const first = (e.suggestions ?? [])[0]?.split('\n')[0];
    cause = `${String(e.message ?? err).split('\n')[0]}${first ? ` (${first.replace(/\.$/, '')})` : ''}`;
  }
  return new UsageError('ERR_PLUGIN_INSTALL', `plugins install ${spec} failed: ${cause}; the installed plugins were left as they were`, {
    hint: 'fix the package and install it again, or check its name and version',
    cause: err,
  });
}
