import type { WizardIO } from './io.js';

/** rclone's numbered list: ` 1 / Help text` then `   \ (value)`. */
export function printNumbered(io: WizardIO, items: { value: string; help: string }[]): void {
  const width = String(items.length).length;
  items.forEach((item, i) => {
    const lines = item.help.split('\n');
    io.print(`${String(i + 1).padStart(width + 1)} / ${lines[0]}`);
    for (const more of lines.slice(1)) io.print(`${' '.repeat(width + 1)} | ${more}`);
    io.print(`${' '.repeat(width + 1)} \\ (${item.value})`);
  });
}

/** A number picks from the list; anything else is taken as typed. */
export function pickNumbered(answer: string, items: { value: string }[]): string {
  if (/^\d+$/.test(answer)) {
    const n = Number(answer);
    if (n >= 1 && n <= items.length) return items[n - 1]!.value;
  }
  return answer;
}
