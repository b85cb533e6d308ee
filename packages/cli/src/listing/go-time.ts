const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * A modtime in RFC 3339 in local time, with as many fraction digits as the
 * backend's precision holds, as rclone's lsjson picks its layout
 * (formatForPrecision): 9 digits for 1 ns, 3 for 1 ms, none for 1 s or for a
 * backend that cannot set modtimes at all (rclone's ModTimeNotSupported).
 */
export function rfc3339(ms: number, nanos: number, precisionMs: number | undefined): string {
  const d = new Date(ms);
  const offset = -d.getTimezoneOffset();
  const zone = offset === 0 ? 'Z' : `${offset > 0 ? '+' : '-'}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
  const digits = fractionDigits(precisionMs);
  const fraction = (String(((ms % 1000) + 1000) % 1000).padStart(3, '0') + String(nanos).padStart(6, '0')).slice(0, digits);
  const date = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  return `${date}${digits > 0 ? `.${fraction}` : ''}${zone}`;
}

/** 1 ns -> 9 ... 100 ms -> 1; coarser, or unknown, -> 0. */
function fractionDigits(precisionMs: number | undefined): number {
  if (precisionMs === undefined) return 0;
  const ns = Math.round(precisionMs * 1e6);
  for (let digits = 9, step = 1; digits > 0; digits--, step *= 10) if (ns <= step) return digits;
  return 0;
}

/** `2006-01-02 15:04:05` in local time: lsf's `t` and tree's layouts start from it. */
export function localSeconds(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}
