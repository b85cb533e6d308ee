import { FaultSwitchboard, parseProbability, parseSize } from '@rsyncish/emulator-kit';
import type { Injection } from '@rsyncish/emulator-kit';
import { authError, DropboxError, rateLimitError, serverError } from './errors.js';

/** Everything a test can switch at run time. Sizes in bytes, rates 0..1. */
export interface FaultSettings {
  /** API requests per second before 429 too_many_requests; 0 = unlimited. */
  rateLimit: number;
  /** Fraction of API requests answered 500 or 503. */
  failRate: number;
  /** Fraction of write requests answered 429 too_many_write_operations, and of batch entries failed with it. */
  tooManyWritesRate: number;
  /** Fraction of content requests (upload, session start/append/finish) carried out but answered 503. */
  lostReplyRate: number;
  /** Seconds in Retry-After (and retry_after) of the 429s. */
  retryAfter: number;
  /** An upload session may not grow past this. */
  maxFileSize: number;
}

export const DEFAULT_FAULTS: FaultSettings = {
  rateLimit: 0,
  failRate: 0,
  tooManyWritesRate: 0,
  lostReplyRate: 0,
  retryAfter: 1,
  maxFileSize: 350 * 1024 ** 3,
};

/** The one-shot faults a test can ask for, by the error they answer with. */
export const INJECTABLE = ['too_many_requests', 'too_many_write_operations', 'expired_access_token', 'internal_error', 'unavailable'] as const;
export type InjectableError = (typeof INJECTABLE)[number];

/** The status each injectable error is answered with. */
const STATUS_OF: Record<InjectableError, number> = {
  too_many_requests: 429,
  too_many_write_operations: 429,
  expired_access_token: 401,
  internal_error: 500,
  unavailable: 503,
};

/** The next `count` requests whose path contains `path` (any when absent) get `error`. */
export interface InjectedFault extends Injection {
  error: InjectableError;
}

export type FaultPatch = { [K in keyof FaultSettings]?: FaultSettings[K] | string };

export function parseFaultPatch(raw: Record<string, unknown>): Partial<FaultSettings> {
  const out: Partial<FaultSettings> = {};
  const text = (v: unknown): string | number => (typeof v === 'number' ? v : String(v));
  for (const [key, value] of Object.entries(raw)) {
    switch (key) {
      case 'rateLimit': case 'retryAfter': {
        const n = Number(value);
        if (typeof value === 'boolean' || value === '' || !Number.isInteger(n) || n < 0) throw new RangeError(`${key} must be a whole number of 0 or more`);
        out[key] = n;
        break;
      }
      case 'failRate': case 'tooManyWritesRate': case 'lostReplyRate': out[key] = parseProbability(text(value), key); break;
      case 'maxFileSize': out.maxFileSize = parseSize(text(value)); break;
      default: throw new RangeError(`unknown fault setting "${key}"`);
    }
  }
  return out;
}

/** What a test asks for: the next `count` (default 1) requests whose route contains `route` (any when absent) get `error`. */
export interface FaultRequest {
  error: InjectableError;
  count?: number;
  route?: string;
}

/** Reads `{error, count?, route?}` from a control request; `route` is a part of the route's name. */
export function parseInjectedFault(raw: Record<string, unknown>): InjectedFault {
  const error = raw['error'];
  if (!(INJECTABLE as readonly unknown[]).includes(error)) throw new RangeError(`error must be one of ${INJECTABLE.join(', ')}`);
  const count = raw['count'] === undefined ? 1 : Number(raw['count']);
  if (!Number.isInteger(count) || count < 1) throw new RangeError('count must be a positive integer');
  const fault: InjectedFault = { error: error as InjectableError, status: STATUS_OF[error as InjectableError], count };
  if (raw['route'] !== undefined) fault.path = String(raw['route']);
  return fault;
}

/**
 * Decides, per request, whether a fault replaces the real answer: one-shot injections first
 * (deterministic tests), then the rate limit, then the random rates.
 */
export class FaultInjector extends FaultSwitchboard<FaultSettings, InjectedFault> {
  /** The fault that replaces this API request's answer, if any. */
  decide(route: string, isWrite: boolean): DropboxError | undefined {
    const injected = this.takeMatching('POST', route);
    if (injected) return this.reply(injected.error);
    if (this.overRateLimit()) return this.reply('too_many_requests');
    const s = this.settings;
    if (this.chance(s.failRate)) return this.reply(this.random() < 0.5 ? 'internal_error' : 'unavailable');
    if (isWrite && this.chance(s.tooManyWritesRate)) return this.reply('too_many_write_operations');
    return undefined;
  }

  /** Whether one entry of a batch commit fails with too_many_write_operations. */
  batchEntryContended(): boolean {
    return this.chance(this.settings.tooManyWritesRate);
  }

  /**
   * Whether a content request that was carried out is answered 503 all the same, as when a
   * reply is lost on the way: the client must find out what was committed (an append's
   * incorrect_offset tells it) rather than assume nothing was.
   */
  replyLost(): DropboxError | undefined {
    return this.chance(this.settings.lostReplyRate) ? serverError(503) : undefined;
  }

  private reply(error: InjectableError): DropboxError {
    switch (error) {
      case 'too_many_requests': case 'too_many_write_operations': return rateLimitError(error, this.settings.retryAfter);
      case 'expired_access_token': return authError('expired_access_token');
      case 'internal_error': return serverError(500);
      case 'unavailable': return serverError(503);
    }
  }
}
