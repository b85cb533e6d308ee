import { newOpaque } from './ids.js';

interface LinkRecord {
  nodeId: string;
  issuedAt: number;
  expiresAt: number;
}

export type LinkLookup = { nodeId: string } | 'expired' | undefined;

/**
 * Unauthenticated, expiring download links. As Amazon described tempLinks: asking again within
 * the first half of a link's life returns the same link; asking later mints a new one and the old
 * one stops working.
 */
export class TempLinks {
  private readonly links = new Map<string, LinkRecord>();
  private readonly current = new Map<string, string>();

  constructor(private readonly now: () => number = Date.now) {}

  linkFor(nodeId: string, ttlMs: number): string {
    const now = this.now();
    const existing = this.current.get(nodeId);
    const rec = existing ? this.links.get(existing) : undefined;
    if (existing && rec && rec.expiresAt > now && now - rec.issuedAt < ttlMs / 2) return existing;
    if (existing && rec) rec.expiresAt = Math.min(rec.expiresAt, now);
    const token = newOpaque(24);
    this.links.set(token, { nodeId, issuedAt: now, expiresAt: now + ttlMs });
    this.current.set(nodeId, token);
    this.prune(now);
    return token;
  }

  resolve(token: string): LinkLookup {
    const rec = this.links.get(token);
    if (!rec) return undefined;
    return rec.expiresAt > this.now() ? { nodeId: rec.nodeId } : 'expired';
  }

  expireAll(): number {
    const now = this.now();
    let n = 0;
    for (const rec of this.links.values()) {
      if (rec.expiresAt > now) {
        rec.expiresAt = now;
        n++;
      }
    }
    return n;
  }

  private prune(now: number): void {
    // Expired links answer 410 for a day, then are forgotten (404).
    for (const [token, rec] of this.links) if (rec.expiresAt < now - 86_400_000) this.links.delete(token);
  }
}
