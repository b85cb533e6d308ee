import { InputEnded, LineReader } from './line-reader.js';

/** How the wizard talks to the user: lines out, answers in. */
export interface WizardIO {
  print(line?: string): void;
  /** Print `prompt> ` and read one answer (trimmed); throws InputEnded at end of input. */
  ask(prompt: string): Promise<string>;
}

export interface StreamIO extends WizardIO {
  close(): void;
}

/**
 * A WizardIO over stdin/stdout. When stdin is not a terminal the answer is not
 * echoed, so a newline follows each prompt to keep a piped transcript readable.
 */
export function streamIO(input: NodeJS.ReadableStream & { isTTY?: boolean }, output: NodeJS.WritableStream): StreamIO {
  const reader = new LineReader(input);
  return {
    print: (line = '') => void output.write(`${line}\n`),
    ask: async (prompt) => {
      output.write(`${prompt}> `);
      const line = await reader.next();
      if (!input.isTTY) output.write('\n');
      if (line === undefined) throw new InputEnded();
      return line.trim();
    },
    close: () => reader.close(),
  };
}
