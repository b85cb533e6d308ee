// Run a program on a pseudo-terminal (python3's pty module), typing answers
// to its prompts: how -i/--interactive is used, and how rclone reads them.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runProgram } from '../helpers.mjs';

const DRIVER = fileURLToPath(new URL('./answer-in-terminal.py', import.meta.url));

function havePty() {
  try {
    execFileSync('python3', ['-c', 'import pty, termios']);
    return true;
  } catch {
    return false;
  }
}

/** Why no terminal can be made here, or undefined when it can (a test's `skip`). */
export const noPty = havePty() ? undefined : 'python3 with the pty module is not available';

/**
 * Run `command ...args` with stdin and stdout on a terminal; each prompt
 * ("> " at the end of the output) gets the next answer, and end of input
 * once they run out. Resolves {code, out, err}: out is the terminal's bytes.
 */
export async function answerInTerminal(command, args, answers, { cwd, env } = {}) {
  const r = await runProgram('python3', [DRIVER, JSON.stringify(answers), command, ...args], { cwd, env: env ?? process.env });
  if (r.code !== 0) throw new Error(`the terminal driver failed (${r.code}): ${r.stderr}`);
  return JSON.parse(r.stdout);
}
