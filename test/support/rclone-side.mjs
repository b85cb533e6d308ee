// Run Debian's rclone on a copy of a case, for tests that compare with it.
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, statSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runProgram } from '../helpers.mjs';

/** Why rclone-comparing tests skip, or false when rclone is there. */
export const noRclone = spawnSync('rclone', ['version'], { stdio: 'ignore' }).status === 0 ? false : 'rclone is not installed';

/** `rclone ...args` with an empty config of its own; resolves {code, stdout, stderr}. */
export function rclone(args, dir) {
  const config = join(dir, 'rclone.conf');
  writeFileSync(config, '');
  return runProgram('rclone', args, { env: { ...process.env, RCLONE_CONFIG: config } });
}

/** A copy of `root` at `to`, modtimes kept, so both tools start from the same tree. */
export function twin(root, to) {
  cpSync(root, to, { recursive: true, preserveTimestamps: true });
  return to;
}

/** Every entry under root: `dir/` for directories, `file=content` for files. */
export function tree(root) {
  const out = [];
  const walk = (dir, rel) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      const r = rel ? `${rel}/${name}` : name;
      if (statSync(p).isDirectory()) {
        out.push(`${r}/`);
        walk(p, r);
      } else {
        out.push(`${r}=${readFileSync(p, 'utf8')}`);
      }
    }
  };
  walk(root, '');
  return out;
}

/** Log lines without their timestamps, for comparing two tools' messages. */
export function messages(stderr) {
  return stderr.split('\n').filter(Boolean).map((l) => l.replace(/^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d /, ''));
}
