import { GcsError } from './errors.js';
import { parseCount, parseProbability, parseSize } from './units.js';

/** What can go wrong on purpose, and the limits a real bucket has. */
export interface FaultSettings {
  /** Fraction of API requests answered 503 backendError. */
  failRate: number;
  /** API requests per second before 429 rateLimitExceeded; 0 = no limit. */
  rateLimit: number;
  /** The next this-many API requests are answered 429 rateLimitExceeded (deterministic, for tests). */
  rateLimitNext: number;
  /** Fraction of resumable-upload chunks that keep only part of their bytes and answer 503. */
  chunkFailRate: number;
  /** The next this-many chunks fail that way, whatever the rate (deterministic, for tests). */
  failNextChunks: number;
  /** Every Nth chunk fails that way (0 = none): failures spread over a long upload, deterministically. */
  failEveryNthChunk: number;
  /** Bytes one rewrite call copies at most; 0 = the whole object in one call. */
  rewriteBytesPerCall: number;
  /** Uploads bigger than this are refused (413). */
  maxFileSize: number;
}

export type FaultPatch = Partial<Record<keyof FaultSettings, string | number>>;

export const DEFAULT_FAULTS: FaultSettings = {
  failRate: 0,
  rateLimit: 0,
  rateLimitNext: 0,
  chunkFailRate: 0,
  failNextChunks: 0,
  failEveryNthChunk: 0,
  rewriteBytesPerCall: 0,
  // GCS's limit for one object: 5 TiB.
  maxFileSize: 5 * 1024 ** 4,
};

/** Validate and convert a patch (from flags or the control endpoint) into settings values. */
export function parseFaultPatch(patch: FaultPatch): Partial<FaultSettings> {
  const out: Partial<FaultSettings> = {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    switch (key as keyof FaultSettings) {
      case 'failRate':
      case 'chunkFailRate':
        out[key as 'failRate'] = parseProbability(value, key);
        break;
      case 'rateLimit':
      case 'rateLimitNext':
      case 'failNextChunks':
      case 'failEveryNthChunk':
        out[key as 'rateLimit'] = parseCount(value, key);
        break;
      case 'rewriteBytesPerCall':
      case 'maxFileSize':
        out[key as 'maxFileSize'] = parseSize(value);
        break;
      default:
        throw new RangeError(`unknown fault setting "${key}"`);
    }
  }
  if (out.rewriteBytesPerCall !== undefined && out.rewriteBytesPerCall % (1024 * 1024) !== 0) {
    throw new RangeError('rewriteBytesPerCall must be a multiple of 1 MiB, as GCS requires of maxBytesRewrittenPerCall');
  }
  return out;
}

/** Counts a test reads to see that a fault or a multi-call path really happened. */
export interface EmulatorStats {
  requests: number;
  injectedFailures: number;
  rateLimited: number;
  chunks: number;
  chunkFailures: number;
  rewriteCalls: number;
  tokensIssued: number;
}

/** Decides, request by request, which faults happen. */
export class FaultInjector {
  settings: FaultSettings;
  readonly stats: Omit<EmulatorStats, 'tokensIssued'> = { requests: 0, injectedFailures: 0, rateLimited: 0, chunks: 0, chunkFailures: 0, rewriteCalls: 0 };
  private windowStart = 0;
  private windowCount = 0;

  constructor(initial: Partial<FaultSettings> = {}, private readonly random: () => number = Math.random) {
    this.settings = { ...DEFAULT_FAULTS, ...initial };
  }

  apply(patch: FaultPatch): FaultSettings {
    this.settings = { ...this.settings, ...parseFaultPatch(patch) };
    return this.settings;
  }

  /** The error one API request gets instead of its answer, if any. */
  beforeApi(now = Date.now()): GcsError | undefined {
    this.stats.requests++;
    const { rateLimit, failRate } = this.settings;
    if (this.settings.rateLimitNext > 0) {
      this.settings.rateLimitNext--;
      this.stats.rateLimited++;
      return new GcsError(429, 'rateLimitExceeded', 'The rate of change requests to the bucket is too high.');
    }
    if (rateLimit > 0) {
      if (now - this.windowStart >= 1000) {
        this.windowStart = now;
        this.windowCount = 0;
      }
      if (++this.windowCount > rateLimit) {
        this.stats.rateLimited++;
        return new GcsError(429, 'rateLimitExceeded', 'The rate of change requests to the bucket is too high.');
      }
    }
    if (failRate > 0 && this.random() < failRate) {
      this.stats.injectedFailures++;
      return new GcsError(503, 'backendError', 'Backend Error');
    }
    return undefined;
  }

  /** Whether this resumable chunk fails after keeping part of its bytes. */
  chunkFails(): boolean {
    this.stats.chunks++;
    let fail = false;
    if (this.settings.failNextChunks > 0) {
      this.settings.failNextChunks--;
      fail = true;
    } else if (this.settings.failEveryNthChunk > 0 && this.stats.chunks % this.settings.failEveryNthChunk === 0) {
      fail = true;
    } else if (this.settings.chunkFailRate > 0 && this.random() < this.settings.chunkFailRate) {
      fail = true;
    }
    if (fail) this.stats.chunkFailures++;
    return fail;
  }
}
