import { ExitCode, RsyncishError, type Confirm, type DestructiveAction, type Logger } from '@rsyncish/core';
import { LineReader } from '../wizard/line-reader.js';

/** The run ends because the user answered q: rclone exits 0 at once, saying nothing more. */
export class QuitAsked extends Error {
  constructor() {
    super('Quitting rclone now');
    this.name = 'QuitAsked';
  }
}

export interface DestructiveQuestions {
  confirm: Confirm;
  /** Aborted when the run must end: q (a QuitAsked) or stdin ended (ERR_NO_ANSWER). */
  readonly ended: AbortSignal;
  /** Stop reading stdin, so the process can exit. */
  close(): void;
}

export interface QuestionsIO {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  logger: Logger;
  /** Ctrl-C: a question waiting for its answer is given up (as a "no"). */
  signal: AbortSignal;
}

/**
 * -i/--interactive, as rclone's SkipDestructive: one question at a time on
 * stdout (transfers in parallel wait their turn), answers read line by line
 * from stdin whether or not it is a terminal. The words are rclone's, its
 * name included, so that a script answering rclone's questions answers ours.
 * "s" and "!" hold for every later step of the same kind.
 */
export function askDestructive(io: QuestionsIO): DestructiveQuestions {
  const { output, logger } = io;
  const ended = new AbortController();
  const decided = new Map<DestructiveAction, boolean>();
  let reader: LineReader | undefined;
  let turn: Promise<unknown> = Promise.resolve();
  const over = () => ended.signal.aborted || io.signal.aborted;
  // Settles when the run stops (Ctrl-C, q, end of input): a question waiting then gets no answer.
  const stopping = new Promise<undefined>((resolve) => {
    for (const s of [io.signal, ended.signal]) s.addEventListener('abort', () => resolve(undefined), { once: true });
  });

  /** The next line of input, or undefined when the run is stopping. */
  const answer = async (): Promise<string | undefined> => {
    // Read only once a question is asked: a run without one leaves stdin alone.
    reader ??= new LineReader(io.input);
    const line = await Promise.race([reader.next().then((l) => l ?? null), stopping]);
    if (line === null) {
      ended.abort(new RsyncishError('ERR_NO_ANSWER', 'Failed to read line: EOF', {
        hint: 'answer each -i question on stdin with y, n, s, ! or q, or run without -i',
        exitCode: ExitCode.UsageError,
      }));
      return undefined;
    }
    return line;
  };

  const ask = async (action: DestructiveAction, subject: string): Promise<boolean> => {
    if (over()) return false;
    const known = decided.get(action);
    if (known !== undefined) return known;
    output.write(question(action, subject));
    for (;;) {
      output.write('y/n/s/!/q> ');
      const line = await answer();
      if (line === undefined) return false;
      const choice = line.trim().toLowerCase();
      switch (choice === '' ? 'y' : choice) {
        case 'y':
          return true;
        case 'n':
          return false;
        case 's':
          decided.set(action, false);
          logger.notice(`Skipping all ${action} operations from now on without asking`);
          return false;
        case '!':
          decided.set(action, true);
          logger.notice(`Doing all ${action} operations from now on without asking`);
          return true;
        case 'q':
          logger.notice('Quitting rclone now');
          ended.abort(new QuitAsked());
          return false;
        default:
          output.write(choice.length === 1
            ? 'This value must be one of the following characters: y, n, s, !, q.\n'
            : 'This value must be a single character, one of the following: y, n, s, !, q.\n');
      }
    }
  };

  return {
    confirm: (action, subject) => {
      const mine = turn.then(() => ask(action, subject));
      turn = mine.catch(() => undefined);
      return mine;
    },
    ended: ended.signal,
    close: () => reader?.close(),
  };
}

/** rclone's question and menu, the first choice the default. */
function question(action: DestructiveAction, subject: string): string {
  return [
    `rclone: ${action} "${subject}"?`,
    'y) Yes, this is OK (default)',
    'n) No, skip this',
    `s) Skip all ${action} operations with no more questions`,
    `!) Do all ${action} operations with no more questions`,
    'q) Exit rclone now.',
    '',
  ].join('\n');
}
