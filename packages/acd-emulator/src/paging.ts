import { badRequest, nextTokenExpired } from './errors.js';
import { newOpaque } from './ids.js';

interface PageCursor {
  query: string;
  afterSeq: number;
  issuedAt: number;
}

const MAX_CURSORS = 50_000;

/**
 * nextToken -> where the listing stopped. Cursors resume after the last node's creation sequence,
 * so a page boundary survives inserts and deletes between pages. Tokens older than the configured
 * lifetime (10 minutes on the real service) answer the real 400 "Next token is expired".
 */
export class PageTokens {
  private readonly cursors = new Map<string, PageCursor>();

  constructor(private readonly now: () => number = Date.now) {}

  issue(query: string, afterSeq: number): string {
    if (this.cursors.size >= MAX_CURSORS) {
      // Map iteration is insertion order: drop the oldest half.
      let n = 0;
      for (const key of this.cursors.keys()) {
        if (n++ > MAX_CURSORS / 2) break;
        this.cursors.delete(key);
      }
    }
    const token = newOpaque(18);
    this.cursors.set(token, { query, afterSeq, issuedAt: this.now() });
    return token;
  }

  resolve(token: string, query: string, ttlMs: number): number {
    const cursor = this.cursors.get(token);
    if (!cursor || cursor.query !== query) throw badRequest('Invalid startToken');
    if (this.now() - cursor.issuedAt >= ttlMs) throw nextTokenExpired();
    return cursor.afterSeq;
  }
}
