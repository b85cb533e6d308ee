import { FaultSwitchboard, parseInjection } from '@rsyncish/emulator-kit';
import type { Injection } from '@rsyncish/emulator-kit';
import { parseProbability, parseSize } from '@rsyncish/emulator-kit';
import { ApiError, backendError, badRequest, googleError, rateLimitExceeded, serviceUnavailable, tooManyRequests, userRateLimitExceeded } from './errors.js';

/** Everything a test can switch at run time. Sizes in bytes, rates 0..1. */
export interface FaultSettings {
  /** API requests per second before 403 userRateLimitExceeded; 0 = unlimited. */
  rateLimit: number;
  /** Fraction of API requests answered 500 backendError or 503. */
  failRate: number;
  /** Fraction of resumable-upload chunks of which only the first half is kept, answered 503. */
  partialChunkRate: number;
  /** Larger uploads are refused with 413 uploadTooLarge. */
  maxFileSize: number;
  /** Storage quota reported by about.get and enforced on upload. */
  quota: number;
}

export const DEFAULT_FAULTS: FaultSettings = {
  rateLimit: 0,
  failRate: 0,
  partialChunkRate: 0,
  maxFileSize: 5 * 1024 ** 4,
  quota: 15 * 1024 ** 3,
};

export const INJECTABLE_STATUSES = [403, 429, 500, 502, 503, 504] as const;

/** A one-shot fault: the next `count` requests matching method and path (with query) get `status`. */
export interface InjectedFault extends Injection {
  /** For 403: userRateLimitExceeded (default) or rateLimitExceeded. */
  reason?: string;
}

/** The reply Drive gives for each injectable status. */
export function faultReply(status: number, reason?: string): ApiError {
  switch (status) {
    case 403: return reason === 'rateLimitExceeded' ? rateLimitExceeded() : userRateLimitExceeded();
    case 429: return tooManyRequests();
    case 500: return backendError();
    case 502: return googleError(502, 'badGateway', 'Bad Gateway');
    case 503: return serviceUnavailable();
    case 504: return googleError(504, 'backendError', 'Gateway Timeout');
    default: throw new Error(`no fault reply for ${status}`);
  }
}

type Raw = Record<string, unknown>;

/** Validates a fault patch from the CLI or the control endpoint; sizes may be strings ("10G"). */
export function parseFaultPatch(raw: Raw): Partial<FaultSettings> {
  const out: Partial<FaultSettings> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    switch (key) {
      case 'rateLimit': {
        const n = Number(value);
        if (!Number.isInteger(n) || n < 0) throw new RangeError(`rateLimit must be a whole number of requests per second, got "${String(value)}"`);
        out.rateLimit = n;
        break;
      }
      case 'failRate': out.failRate = parseProbability(value as string, 'failRate'); break;
      case 'partialChunkRate': out.partialChunkRate = parseProbability(value as string, 'partialChunkRate'); break;
      case 'maxFileSize': out.maxFileSize = parseSize(value as string); break;
      case 'quota': out.quota = parseSize(value as string); break;
      default: throw new RangeError(`unknown fault setting "${key}"`);
    }
  }
  return out;
}

export function parseInjectedFault(raw: Raw): InjectedFault {
  const fault: InjectedFault = parseInjection(raw, INJECTABLE_STATUSES, badRequest);
  if (raw['reason'] !== undefined) {
    const reason = String(raw['reason']);
    if (reason !== 'userRateLimitExceeded' && reason !== 'rateLimitExceeded') throw badRequest('reason must be userRateLimitExceeded or rateLimitExceeded');
    fault.reason = reason;
  }
  return fault;
}

/**
 * Decides, per request, whether a fault replaces the real answer: one-shot injections first
 * (deterministic tests), then the rate limit, then the random failure rate.
 */
export class FaultInjector extends FaultSwitchboard<FaultSettings, InjectedFault> {
  /** A one-shot injection matching this request, consumed if found. */
  takeInjected(method: string, pathAndQuery: string): ApiError | undefined {
    const fault = this.takeMatching(method, pathAndQuery);
    return fault && faultReply(fault.status, fault.reason);
  }

  /** Rate limit and random failures, for API and upload routes. */
  decideApiFault(): ApiError | undefined {
    const s = this.settings;
    if (this.overRateLimit()) return userRateLimitExceeded();
    if (this.chance(s.failRate)) return faultReply(this.random() < 0.5 ? 500 : 503);
    return undefined;
  }

  /** Whether this resumable chunk is cut short: half kept, 503 answered. */
  cutsChunk(): boolean {
    return this.chance(this.settings.partialChunkRate);
  }
}
