import { ExitCode, RsyncishError, statRoot } from '@rsyncish/core';
import type { Session } from '../cli/session.js';
import { usageJson, usageLines } from './usage-text.js';

/** about: the remote's size, use and free space, from the backend's optional about(). */
export async function runAbout(session: Session, path: string, opt: { json: boolean; full: boolean }): Promise<void> {
  const remote = await session.open(path);
  try {
    await statRoot(remote);
    const about = remote.backend.about?.bind(remote.backend);
    if (!about) {
      throw new RsyncishError('ERR_ABOUT_UNSUPPORTED', `${remote.location.text} doesn't support about`, {
        hint: 'this backend cannot report its size or free space',
        exitCode: ExitCode.UsageError,
      });
    }
    const usage = await about();
    process.stdout.write(opt.json ? usageJson(usage) : usageLines(usage, opt.full));
  } finally {
    await remote.backend.close?.();
  }
}
