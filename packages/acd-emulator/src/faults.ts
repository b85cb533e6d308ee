import { FaultSwitchboard, parseInjection } from '@rsyncish/emulator-kit';
import type { Injection } from '@rsyncish/emulator-kit';
import { parseDuration, parseProbability, parseSize } from '@rsyncish/emulator-kit';
import { ApiError, apiError, badRequest, rateExceeded } from './errors.js';
import { newLogref } from './ids.js';

export type DownloadWallMode = 'redirect' | 'forbid';

/** Everything a test can switch at run time. Durations in ms, sizes in bytes, rates 0..1. */
export interface FaultSettings {
  /** API requests per second before 429 "Rate exceeded"; 0 = unlimited. */
  rateLimit: number;
  /** Fraction of API requests answered 500, 502 or 503. */
  failRate: number;
  /** Fraction answered 408. */
  timeoutRate: number;
  /** Fraction answered 504 with an empty body. */
  gatewayTimeoutRate: number;
  /** Fraction answered the spurious 403 "Authorization header requires…". */
  spurious403Rate: number;
  /** Fraction of uploads stored but answered with a 5xx (ghostUploadStatuses). */
  ghostUploadRate: number;
  /** How long a ghost upload stays invisible to listings. */
  ghostUploadDelayMs: number;
  ghostUploadStatuses: number[];
  /** Fraction of uploads whose node stays PENDING. */
  pendingUploadRate: number;
  maxFileSize: number;
  /** Files at or above this size cannot be downloaded from /cdproxy/nodes/{id}/content. */
  downloadWall: number;
  downloadWallMode: DownloadWallMode;
  /** New and moved nodes stay out of listings for this long. */
  listingLagMs: number;
  nextTokenTtlMs: number;
  tempLinkTtlMs: number;
}

export const DEFAULT_FAULTS: FaultSettings = {
  rateLimit: 0,
  failRate: 0,
  timeoutRate: 0,
  gatewayTimeoutRate: 0,
  spurious403Rate: 0,
  ghostUploadRate: 0,
  ghostUploadDelayMs: 0,
  ghostUploadStatuses: [504, 500],
  pendingUploadRate: 0,
  maxFileSize: 50 * 1024 ** 3,
  downloadWall: 10 * 1024 ** 3,
  downloadWallMode: 'redirect',
  listingLagMs: 0,
  nextTokenTtlMs: 10 * 60_000,
  tempLinkTtlMs: 48 * 3_600_000,
};

export const INJECTABLE_STATUSES = [403, 408, 429, 500, 502, 503, 504] as const;

/** A one-shot fault: the next `count` matching requests get `status`. */
export type InjectedFault = Injection;

const SPURIOUS_403 =
  "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. " +
  "Authorization header requires 'SignedHeaders' parameter. Authorization header requires existence of either a " +
  "'X-Amz-Date' or a 'Date' header. Authorization=Bearer";

/** The reply the real service gave for each injectable status. */
export function faultReply(status: number): ApiError {
  switch (status) {
    case 403: return new ApiError(403, { message: SPURIOUS_403 });
    case 408: return apiError(408, 'REQUEST_TIMEOUT', 'Request timed out');
    case 429: return rateExceeded();
    case 500: return new ApiError(500, { message: 'Internal failure' });
    case 502: return new ApiError(502, { message: 'Bad Gateway' });
    case 503: return new ApiError(503, { logref: newLogref(), message: 'Service Unavailable', code: 'SERVICE_UNAVAILABLE' });
    case 504: return new ApiError(504, null);
    default: throw new RangeError(`status ${status} cannot be injected (use one of ${INJECTABLE_STATUSES.join(', ')})`);
  }
}

type Raw = Record<string, unknown>;

/** Validates a partial settings object from flags or the control endpoint (sizes/durations as text or numbers). */
export function parseFaultPatch(raw: Raw): Partial<FaultSettings> {
  const out: Partial<FaultSettings> = {};
  const num = (v: unknown, what: string): number => {
    const n = Number(v);
    if (typeof v === 'boolean' || !Number.isFinite(n) || n < 0) throw new RangeError(`${what} must be a non-negative number`);
    return n;
  };
  const text = (v: unknown): string | number => (typeof v === 'number' ? v : String(v));
  for (const [key, value] of Object.entries(raw)) {
    switch (key) {
      case 'rateLimit': out.rateLimit = num(value, key); break;
      case 'failRate': case 'timeoutRate': case 'gatewayTimeoutRate': case 'spurious403Rate':
      case 'ghostUploadRate': case 'pendingUploadRate':
        out[key] = parseProbability(text(value), key); break;
      case 'ghostUploadDelay': case 'ghostUploadDelayMs': out.ghostUploadDelayMs = parseDuration(text(value)); break;
      case 'listingLag': case 'listingLagMs': out.listingLagMs = parseDuration(text(value)); break;
      case 'nextTokenTtl': case 'nextTokenTtlMs': out.nextTokenTtlMs = parseDuration(text(value)); break;
      case 'tempLinkTtl': case 'tempLinkTtlMs': out.tempLinkTtlMs = parseDuration(text(value)); break;
      case 'maxFileSize': out.maxFileSize = parseSize(text(value)); break;
      case 'downloadWall': out.downloadWall = parseSize(text(value)); break;
      case 'downloadWallMode':
        if (value !== 'redirect' && value !== 'forbid') throw new RangeError('downloadWallMode must be "redirect" or "forbid"');
        out.downloadWallMode = value; break;
      case 'ghostUploadStatuses': {
        const list = Array.isArray(value) ? value : String(value).split(',');
        const statuses = list.map((s) => Number(s));
        if (statuses.length === 0 || statuses.some((s) => ![408, 500, 502, 503, 504].includes(s))) {
          throw new RangeError('ghostUploadStatuses must list statuses among 408, 500, 502, 503, 504');
        }
        out.ghostUploadStatuses = statuses; break;
      }
      default: throw new RangeError(`unknown fault setting "${key}"`);
    }
  }
  return out;
}

export function parseInjectedFault(raw: Raw): InjectedFault {
  return parseInjection(raw, INJECTABLE_STATUSES, badRequest);
}

/**
 * Decides, per request, whether a fault replaces the real answer. One-shot injections come first
 * (deterministic tests), then the rate limit, then the random rates.
 */
export class FaultInjector extends FaultSwitchboard<FaultSettings, InjectedFault> {
  /** A one-shot injection matching this request, consumed if found. Applies to every non-control route. */
  takeInjected(method: string, path: string): ApiError | undefined {
    const fault = this.takeMatching(method, path);
    return fault && faultReply(fault.status);
  }

  /** Rate limit and random failures, for Drive API and content routes. */
  decideApiFault(): ApiError | undefined {
    const s = this.settings;
    if (this.overRateLimit()) return rateExceeded();
    if (this.chance(s.failRate)) return faultReply([500, 502, 503][Math.floor(this.random() * 3)]!);
    if (this.chance(s.timeoutRate)) return faultReply(408);
    if (this.chance(s.gatewayTimeoutRate)) return faultReply(504);
    if (this.chance(s.spurious403Rate)) return faultReply(403);
    return undefined;
  }

  /** For a stored upload: the 5xx to answer instead of 201, if this one is a ghost. */
  ghostUploadStatus(): number | undefined {
    if (!this.chance(this.settings.ghostUploadRate)) return undefined;
    const list = this.settings.ghostUploadStatuses;
    return list[Math.floor(this.random() * list.length)];
  }

  uploadStaysPending(): boolean {
    return this.chance(this.settings.pendingUploadRate);
  }
}
