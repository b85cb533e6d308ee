// The local Swift server (scripts/swift-server.sh) for the s3 and swift tests:
// started once, or found running, and its auth URL; or why it is unavailable.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../helpers.mjs';

/** { authUrl } of the running server, or { skip } naming why it could not start. */
export function startLocalSwift() {
  try {
    const out = execFileSync('bash', [join(ROOT, 'scripts/swift-server.sh'), 'start'], { encoding: 'utf8', timeout: 300_000, stdio: ['ignore', 'pipe', 'pipe'] });
    return { authUrl: out.trim(), skip: false };
  } catch (err) {
    return { authUrl: '', skip: `the local Swift server could not start: ${String(err.stderr || err.message).trim().split('\n').pop()}` };
  }
}
