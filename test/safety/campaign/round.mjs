// Runs one planned round: builds both trees, runs the command under its
// faults, checks the no-loss rule, then runs the same command again with no
// faults and checks that it succeeds and the trees converged.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CLI, patterned } from '../../helpers.mjs';
import { isTempName, lossReport, md5, snapshotAcd, snapshotLocal } from '../support/tree-snapshot.mjs';

const BASE_TIME = Date.parse('2024-02-03T04:05:06.789Z');
/**
 * A command that runs longer than this is stuck; it is killed and reported
 * (RSYNCISH_CAMPAIGN_STUCK_S overrides). An ACD round with 30% server errors
 * waits out each failed upload's check (5 s) and the pacer's backoff: one such
 * round took 37-88 s on a machine loaded 15 deep, so the limit leaves room.
 */
const STUCK_MS = Number(process.env.RSYNCISH_CAMPAIGN_STUCK_S ?? 300) * 1000;

/**
 * @param plan a planRound() result
 * @param env {emu, config, work, blobsDir}: the shared emulator, the config
 *   file naming it as `acd`, and a scratch folder for local trees
 * @returns {{problems: string[], files: number, exit: number|null, rerunExit: number|null}}
 */
export async function runRound(plan, env) {
  const { emu, config, work } = env;
  const name = `r${plan.round}`;
  const local = (side) => join(work, name, side);
  const acdFolders = new Map();
  const corrupted = [];
  let mounted;

  const folderId = async (path) => {
    if (path === '') return undefined;
    if (acdFolders.has(path)) return acdFolders.get(path);
    const parentId = await folderId(dirname(path) === '.' ? '' : dirname(path));
    const node = await emu.control.plantNode({ parentId, name: path.split('/').pop(), kind: 'FOLDER' });
    acdFolders.set(path, node.id);
    return node.id;
  };
  const place = async (sideName, side, file, content) => {
    if (side === 'local') {
      const p = join(local(sideName), file.path);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, content);
      const t = new Date(BASE_TIME + (file.seed % 1000) * 1000);
      utimesSync(p, t, t);
    } else {
      const dir = dirname(`${name}/${sideName}/${file.path}`);
      const before = plan.faults.corrupt?.includes(file.path) && sideName === 'src' ? new Set(readdirSync(env.blobsDir)) : undefined;
      await emu.control.plantNode({ parentId: await folderId(dir), name: file.path.split('/').pop(), content });
      if (before) {
        const blob = readdirSync(env.blobsDir).find((b) => !before.has(b));
        corrupted.push({ path: file.path, blob: join(env.blobsDir, blob), content });
      }
    }
  };

  // Both trees, and the content a verified copy of each source file must have.
  mkdirSync(local('src'), { recursive: true });
  if (plan.faults.diskFull) {
    const used = plan.dst.reduce((n, f) => n + f.size + 4096, 0);
    const incoming = plan.src.reduce((n, f) => n + f.size + 4096, 0);
    const kib = Math.max(64, Math.ceil((used + incoming * plan.faults.diskFull.spareFraction) / 1024) + 64);
    mkdirSync(local('dst'), { recursive: true });
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${kib}k`, 'tmpfs', local('dst')]);
    mounted = local('dst');
  }
  mkdirSync(local('dst'), { recursive: true });
  await folderId(`${name}/src`);
  await folderId(`${name}/dst`);
  const valid = new Map();
  for (const f of plan.src) {
    const content = patterned(f.size, f.seed);
    if (!plan.single || f.path === plan.single) valid.set(f.path, md5(content));
    await place('src', plan.srcSide, f, content);
  }
  for (const f of plan.dst) await place('dst', plan.dstSide, f, patterned(f.size, f.seed));

  const snap = (sideName, side) => (side === 'local' ? snapshotLocal(local(sideName)) : snapshotAcd(emu.control, `${name}/${sideName}`));
  const srcBefore = snap('src', plan.srcSide);
  const dstBefore = snap('dst', plan.dstSide);
  const arg = (sideName, side) => {
    const path = sideName === 'src' || plan.single ? `${sideName}${plan.single ? `/${plan.single}` : ''}` : sideName;
    return side === 'local' ? join(work, name, path) : `acd:${name}/${path}`;
  };
  const args = [plan.mode, arg('src', plan.srcSide), arg('dst', plan.dstSide), ...plan.flags];

  // The faults, then the command.
  for (const c of corrupted) {
    const bad = Buffer.from(c.content);
    bad[0] ^= 0xff;
    bad[bad.length >> 1] ^= 0x5a;
    writeFileSync(c.blob, bad);
  }
  const f = plan.faults;
  emu.control.setFaults({
    failRate: f.serverErrors ?? 0,
    rateLimit: f.rateLimit ?? 0,
    ghostUploadRate: f.ghostUploads?.rate ?? 0,
    ghostUploadDelay: f.ghostUploads?.delayMs ?? 0,
  });
  const timers = [];
  if (f.tokenExpiry) timers.push(setTimeout(() => emu.control.expireAccessTokens(), f.tokenExpiry.afterMs));
  const first = await runCli(args, config, f.signal);
  timers.forEach(clearTimeout);
  emu.control.resetFaults();
  if (f.ghostUploads) await new Promise((r) => setTimeout(r, f.ghostUploads.delayMs + 50));
  for (const c of corrupted) writeFileSync(c.blob, c.content);
  if (mounted) execFileSync('mount', ['-o', 'remount,size=512m', mounted]);

  const problems = [];
  const check = (when, killed) => {
    const found = lossReport({
      mode: plan.mode, srcBefore, srcAfter: snap('src', plan.srcSide), dstBefore, dstAfter: snap('dst', plan.dstSide),
      valid, scope: plan.single ? new Set([plan.single]) : undefined, killed,
    });
    for (const p of found) problems.push(`${when}: ${p}`);
  };
  if (first.stuck) problems.push(`the command was stuck for ${STUCK_MS / 1000} s and was killed`);
  if (first.stderr.includes('    at ')) problems.push(`a stack trace was printed:\n${first.stderr}`);
  check('after the faulty run', first.signalSent);

  // The same command with no faults must finish the job (a moveto that did
  // has no source left to name).
  const done = plan.mode === 'moveto' && !snap('src', plan.srcSide).has(plan.single);
  const second = done ? { code: 0, stderr: '' } : await runCli(args, config);
  if (second.code !== 0) problems.push(`the clean re-run exited ${second.code}: ${lastLines(second.stderr)}`);
  check('after the re-run', first.signalSent);
  const dstFinal = snap('dst', plan.dstSide);
  const srcFinal = snap('src', plan.srcSide);
  for (const [p, sum] of valid) {
    const kept = plan.ignoreExisting && dstBefore.has(p) ? dstBefore.get(p).md5 : sum;
    if (dstFinal.get(p)?.md5 !== kept) problems.push(`not converged: ${p} at the destination is ${dstFinal.has(p) ? 'different' : 'missing'}`);
    if ((plan.mode === 'move' || plan.mode === 'moveto') && srcFinal.has(p)) problems.push(`not converged: ${p} is still at the source after move`);
  }
  if (plan.mode === 'sync') {
    for (const p of dstFinal.keys()) {
      if (!valid.has(p) && !isTempName(p)) problems.push(`not converged: ${p} is still at the destination after sync`);
    }
  }
  if (problems.length > 0) problems.push(`faulty run exit ${first.code}${first.signalSent ? ` (${first.signalSent} sent)` : ''}: ${lastLines(first.stderr)}`);
  if (mounted) execFileSync('umount', [mounted]);
  if (problems.length === 0) rmSync(join(work, name), { recursive: true, force: true });
  return { problems, files: srcBefore.size + dstBefore.size, exit: first.code, rerunExit: second.code };
}

function lastLines(text, n = 6) {
  return text.trim().split('\n').slice(-n).join(' | ');
}

/** Run the CLI; `signal` {name, afterMs} is sent that long after the start. */
function runCli(args, config, signal) {
  return new Promise((resolve, reject) => {
    const child = spawn(CLI, args, { env: { ...process.env, RSYNCISH_CONFIG: config }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let signalSent;
    let stuck = false;
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.resume();
    const timers = [setTimeout(() => { stuck = true; child.kill('SIGKILL'); }, STUCK_MS)];
    if (signal) {
      timers.push(setTimeout(() => {
        if (child.exitCode === null && child.signalCode === null) {
          signalSent = signal.name;
          child.kill(signal.name);
        }
      }, signal.afterMs));
    }
    child.on('error', reject);
    child.on('close', (code) => {
      timers.forEach(clearTimeout);
      resolve({ code, stderr, signalSent, stuck });
    });
  });
}
