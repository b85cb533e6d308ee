import { invalidParameter } from './errors.js';
import { newOpaque } from './ids.js';

interface PageCursor {
  /** The listing request the token belongs to (q, orderBy, spaces). */
  key: string;
  /** Ids still to be listed, in order, as matched when the first page was asked for. */
  rest: string[];
}

const MAX_CURSORS = 20_000;

/**
 * nextPageToken -> the rest of a listing. The whole result is matched once, on the first page,
 * so later pages neither repeat nor skip files however the folder changes in between (a file
 * deleted meanwhile is left out). A token used with another query is 400 invalid, as on Drive.
 */
export class PageTokens {
  private readonly cursors = new Map<string, PageCursor>();

  issue(key: string, rest: string[]): string {
    if (this.cursors.size >= MAX_CURSORS) {
      // Map iteration is insertion order: drop the oldest half.
      let n = 0;
      for (const k of this.cursors.keys()) {
        if (n++ > MAX_CURSORS / 2) break;
        this.cursors.delete(k);
      }
    }
    const token = `~!!~${newOpaque(30)}`;
    this.cursors.set(token, { key, rest });
    return token;
  }

  resolve(token: string, key: string): string[] {
    const cursor = this.cursors.get(token);
    if (!cursor || cursor.key !== key) throw invalidParameter('pageToken', 'Invalid Value');
    return cursor.rest;
  }
}
