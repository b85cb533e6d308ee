import { createInterface } from 'node:readline/promises';
import { resolve } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { errorLine, ScaffoldError, USAGE_EXIT_CODE } from './scaffold-error.js';
import { scaffold } from './scaffold.js';

export interface Io {
  cwd: string;
  stdin: Readable & { isTTY?: boolean };
  stdout: Writable;
  stderr: Writable;
}

const USAGE = `Usage: npm init @rsyncish/backend [type] [-- --dir <folder>]

Writes an rsyncish backend plugin for the backend type <type> (lowercase
letters and digits, e.g. mystore) into the current folder, which must be
empty, or into --dir. Asks for the type when it is not given.`;

/** The bin's whole run; resolves to the exit code. */
export async function main(argv: string[], io: Io): Promise<number> {
  try {
    const args = parseArgs(argv);
    if (args.help) {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const type = args.type ?? (await askType(io));
    const dir = resolve(io.cwd, args.dir ?? '.');
    const result = scaffold(dir, type);
    io.stdout.write(`Created ${result.packageName} in ${dir}:\n`);
    for (const f of result.files) io.stdout.write(`  ${f}\n`);
    io.stdout.write(`\nNext:\n${args.dir ? `  cd ${args.dir}\n` : ''}  npm install\n  npm test\n`);
    return 0;
  } catch (err) {
    if (!(err instanceof ScaffoldError)) throw err;
    io.stderr.write(`${errorLine(err)}\n`);
    return USAGE_EXIT_CODE;
  }
}

interface Args {
  type?: string;
  dir?: string;
  help: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-h' || a === '--help') args.help = true;
    else if (a === '--dir' || a.startsWith('--dir=')) {
      const value = a === '--dir' ? argv[++i] : a.slice('--dir='.length);
      if (!value) throw new ScaffoldError('ERR_USAGE', '--dir needs a folder', 'for example: --dir my-backend');
      args.dir = value;
    } else if (a.startsWith('-')) throw new ScaffoldError('ERR_USAGE', `unknown flag ${a}`, 'see npm init @rsyncish/backend -- --help');
    else if (args.type === undefined) args.type = a;
    else throw new ScaffoldError('ERR_USAGE', `unexpected argument ${JSON.stringify(a)}: give one backend type`, 'for example: npm init @rsyncish/backend mystore');
  }
  return args;
}

/** Only a person at a terminal is asked; a script must pass the type. */
async function askType(io: Io): Promise<string> {
  if (!io.stdin.isTTY) {
    throw new ScaffoldError('ERR_USAGE', 'no backend type given', 'pass it as an argument: npm init @rsyncish/backend mystore');
  }
  const rl = createInterface({ input: io.stdin, output: io.stdout });
  try {
    return (await rl.question('Backend type name (lowercase letters and digits, e.g. mystore): ')).trim();
  } finally {
    rl.close();
  }
}
