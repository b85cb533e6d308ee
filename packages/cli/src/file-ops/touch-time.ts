import { UsageError } from '@rsyncish/core';

export interface TouchTime {
  ms: number;
  nanos: number;
}

/**
 * touch's -t, in rclone's three layouts, read as UTC unless `local`:
 * `YYMMDD` (170102), `YYYY-MM-DDTHH:MM:SS` and the same with up to nine
 * fraction digits. A two-digit year is 1969-2068, as Go reads it.
 */
export function parseTouchTime(text: string, local: boolean): TouchTime {
  let parts: number[] | undefined;
  let fraction = '';
  let m = /^(\d\d)(\d\d)(\d\d)$/.exec(text);
  if (m) {
    const yy = Number(m[1]);
    parts = [yy >= 69 ? 1900 + yy : 2000 + yy, Number(m[2]), Number(m[3]), 0, 0, 0];
  } else if ((m = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?$/.exec(text))) {
    parts = m.slice(1, 7).map(Number);
    fraction = m[7] ?? '';
  }
  const [y, mo, d, h, mi, s] = parts ?? [];
  if (!parts || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) {
    throw new UsageError('ERR_BAD_TIMESTAMP', `failed to parse timestamp argument: "${text}"`, {
      hint: 'use YYMMDD (240131), YYYY-MM-DDTHH:MM:SS or YYYY-MM-DDTHH:MM:SS.123456789 (UTC; --localtime for local time)',
    });
  }
  const date = local ? new Date(y, mo - 1, d, h, mi, s) : new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  // Years below 100 would be read as 19xx by the Date constructors.
  if (local) date.setFullYear(y, mo - 1, d);
  else date.setUTCFullYear(y, mo - 1, d);
  const day = local ? date.getDate() : date.getUTCDate();
  if (day !== d) {
    throw new UsageError('ERR_BAD_TIMESTAMP', `failed to parse timestamp argument: "${text}": day out of range`, { hint: 'give a day that exists in that month' });
  }
  const ns = fraction.padEnd(9, '0');
  return { ms: date.getTime() + Number(ns.slice(0, 3)), nanos: Number(ns.slice(3)) };
}
