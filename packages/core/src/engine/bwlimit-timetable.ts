import { UsageError } from '../errors/index.js';
import { parseSize } from '../units/index.js';

/** Bytes per second up (written to the destination) and down (read from the source); -1 or 0 = no limit. */
export interface BwPair {
  tx: number;
  rx: number;
}

/** From this minute of the week on (day 0 = Sunday), this limit applies. */
export interface BwSlot {
  day: number;
  hhmm: number;
  bandwidth: BwPair;
}

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const LONG_DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/**
 * rclone's --bwlimit (fs/bwtimetable.go): a rate (`1M`, `off`), an up:down
 * pair (`10M:1M`), or a timetable of space-separated `HH:MM,RATE` (every day)
 * and `Day-HH:MM,RATE` entries (`Mon-08:00,512k Sat-00:00,off`). A value with
 * neither a space nor a comma is a plain rate. Errors are rclone's.
 */
export function parseBwTimetable(text: string): BwSlot[] {
  try {
    return parse(text);
  } catch (err) {
    throw new UsageError('ERR_BAD_FLAG', `invalid argument ${JSON.stringify(text)} for "--bwlimit" flag: ${(err as Error).message}`, {
      hint: 'give a rate (1M, off), up:down (10M:1M) or a timetable ("08:00,512k 12:00,off", "Mon-08:00,1M Sat-00:00,off")',
    });
  }
}

function parse(text: string): BwSlot[] {
  if (text.length === 0) throw new Error('empty string');
  if (!text.includes(' ') && !text.includes(',')) return [{ day: 0, hhmm: 0, bandwidth: pair(text) }];
  const slots: BwSlot[] = [];
  for (const tok of text.split(' ')) {
    const tv = tok.split(',');
    if (tv.length !== 2) throw new Error(`invalid time/bandwidth specification: ${JSON.stringify(tok)}`);
    const [when, rate] = tv as [string, string];
    if (!when.includes('-')) {
      const hhmm = hourOf(when);
      for (let day = 0; day < 7; day++) slots.push({ day, hhmm, bandwidth: pair(rate) });
      continue;
    }
    const spec = when.split('-');
    if (spec.length !== 2) throw new Error(`invalid time specification: ${JSON.stringify(when)}`);
    slots.push({ day: weekday(spec[0]!), hhmm: hourOf(spec[1]!), bandwidth: pair(rate) });
  }
  return slots;
}

function pair(text: string): BwPair {
  const colon = text.indexOf(':');
  const tx = rate(colon < 0 ? text : text.slice(0, colon));
  return { tx, rx: colon < 0 ? tx : rate(text.slice(colon + 1)) };
}

function rate(text: string): number {
  try {
    return parseSize(text);
  } catch {
    throw new Error(`invalid rate ${JSON.stringify(text)}`);
  }
}

function hourOf(text: string): number {
  if (text.length !== 5 || text[2] !== ':') throw new Error(`invalid time specification (hh:mm): ${JSON.stringify(text)}`);
  const hh = Number(text.slice(0, 2));
  const mm = Number(text.slice(3));
  if (!/^\d\d$/.test(text.slice(0, 2)) || hh > 23) throw new Error(`invalid hour (must be between 00 and 23): ${JSON.stringify(text.slice(0, 2))}`);
  if (!/^\d\d$/.test(text.slice(3)) || mm > 59) throw new Error(`invalid minute (must be between 00 and 59): ${JSON.stringify(text.slice(3))}`);
  return hh * 100 + mm;
}

function weekday(text: string): number {
  const t = text.toLowerCase();
  const i = DAYS.indexOf(t) >= 0 ? DAYS.indexOf(t) : LONG_DAYS.indexOf(t);
  if (i < 0) throw new Error(`invalid weekday: ${JSON.stringify(t)}`);
  return i;
}

const minutes = (dayHHMM: number) => Math.floor(dayHHMM / 10000) * 1440 + Math.floor((dayHHMM / 100) % 100) * 60 + (dayHHMM % 100);

/**
 * The limit in force at `at` (local time, as rclone): the latest slot at or
 * before it in the week, else the timetable's last entry. No slots: no limit.
 */
export function limitAt(slots: BwSlot[], at: Date): BwPair {
  if (slots.length === 0) return { tx: -1, rx: -1 };
  const now = at.getDay() * 10000 + at.getHours() * 100 + at.getMinutes();
  let best: BwSlot | undefined;
  let bestDiff = Infinity;
  for (const s of slots) {
    const start = s.day * 10000 + s.hhmm;
    if (now < start) continue;
    const diff = minutes(now) - minutes(start);
    if (diff <= bestDiff) {
      bestDiff = diff;
      best = s;
    }
  }
  // Before every slot of this week: rclone carries the timetable's last entry over.
  return (best ?? slots[slots.length - 1]!).bandwidth;
}
