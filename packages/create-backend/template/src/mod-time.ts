/**
 * Seconds to pass to utimes() so that `ms` is stored exactly. Node hands the
 * time to the OS as a double of seconds, which is truncated: 1700000000.123 s
 * would be stored as ...122.9999 ms and read back a millisecond early. Half a
 * microsecond more is still truncated to the intended millisecond.
 */
export function utimesSeconds(ms: number): number {
  return Math.floor(ms) / 1000 + 5e-7;
}
