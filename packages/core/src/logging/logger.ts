/**
 * 'critical' shows nothing of ours: rclone's EMERGENCY, ALERT and CRITICAL sit
 * above every line it logs (errors included), and so do ours.
 */
export type LogLevel = 'critical' | 'error' | 'notice' | 'info' | 'debug';

/** The log seam. The CLI decides where lines go (stderr, --log-file, --json). */
export interface Logger {
  error(message: string): void;
  /** Shown by default: things the user should know (skipped symlinks, fallbacks). */
  notice(message: string): void;
  /** Shown with -v. */
  info(message: string): void;
  /** Shown with -vv. */
  debug(message: string): void;
}

const LEVELS: LogLevel[] = ['critical', 'error', 'notice', 'info', 'debug'];

/** A logger that writes `LEVEL : message` lines, like rclone, at or above a level. */
export function createLogger(
  level: LogLevel,
  write: (line: string, level: LogLevel) => void,
  now: () => Date = () => new Date(),
): Logger {
  const max = LEVELS.indexOf(level);
  const at = (l: LogLevel) => (message: string) => {
    if (LEVELS.indexOf(l) > max) return;
    write(`${formatTimestamp(now())} ${l.toUpperCase().padEnd(6)}: ${message}`, l);
  };
  return { error: at('error'), notice: at('notice'), info: at('info'), debug: at('debug') };
}

/** rclone's log timestamp: `2006/01/02 15:04:05` in local time. */
export function formatTimestamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}/${p(d.getMonth() + 1)}/${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

export const silentLogger: Logger = { error() {}, notice() {}, info() {}, debug() {} };
