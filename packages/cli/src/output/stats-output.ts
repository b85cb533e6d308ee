import type { Session } from '../cli/session.js';
import { LiveView } from './progress.js';

export interface StatsSource {
  /** The stats block as text (rclone's layout). */
  text(): string;
  /** The same numbers for a JSON `stats` event. */
  fields(): Record<string, unknown>;
  /** Whether there is anything worth a periodic line yet. */
  busy(): boolean;
}

/** -P without a terminal prints a stats block this often instead of a live view (rclone's 500 ms). */
const PROGRESS_FALLBACK_MS = 500;

/**
 * Where -P writes: stdout, as rclone (so a `2>` redirect keeps the errors
 * apart from the progress), except with --json, which owns stdout.
 */
export function progressStream(session: Session): NodeJS.WriteStream {
  return session.json.enabled ? process.stderr : process.stdout;
}

/** -P, unless -q asked for errors only. */
export function showsProgress(session: Session): boolean {
  return session.progress && !session.quiet;
}

/**
 * Progress while a command runs: with -P, a live view when its stream is a
 * terminal or stats blocks every half second otherwise; without it, a stats
 * block every --stats interval at INFO (as rclone). With --json, a `stats`
 * event at each tick too. Returns a stop function; the final summary is the
 * caller's.
 */
export function startStatsOutput(session: Session, source: StatsSource): () => void {
  const { json } = session;
  const stops: (() => void)[] = [];
  const out = progressStream(session);
  const progress = showsProgress(session);
  const tty = out.isTTY === true;
  if (progress && tty) {
    const view = new LiveView(out, source.text, session.sink);
    view.start();
    stops.push(() => view.stop());
  }
  const interval = progress && !tty ? PROGRESS_FALLBACK_MS : session.statsIntervalMs;
  if (interval > 0) {
    const timer = setInterval(() => {
      if (!source.busy()) return;
      json.emit('stats', { final: false, ...source.fields() });
      if (progress && tty) return;
      if (progress) out.write(`${source.text().replace(/^\n+|\n+$/g, '')}\n\n`);
      else session.logStats(source.text());
    }, interval);
    timer.unref();
    stops.push(() => clearInterval(timer));
  }
  return () => {
    for (const stop of stops) stop();
  };
}
