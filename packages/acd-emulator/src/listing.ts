import { badRequest } from './errors.js';
import { compileFilter, mentionsField, parseFilter, requiredParent } from './filters.js';
import type { NodePredicate } from './filters.js';
import type { PageTokens } from './paging.js';
import type { MetadataStore } from './store/metadata-store.js';
import type { StoredNode } from './store/node.js';

export const MAX_PAGE = 200;

export interface ListRequest {
  filters?: string | null;
  limit?: string | null;
  startToken?: string | null;
  /** Restricts to children of this node (GET nodes/{id}/children). */
  parentId?: string;
  /** Restricts to trashed nodes (GET trash). */
  trashOnly?: boolean;
}

export interface ListResult {
  count: number;
  nextToken?: string;
  data: StoredNode[];
}

export interface ListContext {
  store: MetadataStore;
  tokens: PageTokens;
  now: number;
  nextTokenTtlMs: number;
}

function pageSize(limit: string | null | undefined): number {
  if (limit === undefined || limit === null || limit === '') return MAX_PAGE;
  const n = Number(limit);
  if (!Number.isInteger(n) || n < 1) throw badRequest(`Invalid limit "${limit}"`);
  return Math.min(n, MAX_PAGE);
}

/**
 * One page of a listing. Matches are ordered by creation, `count` is the total across pages,
 * and `nextToken` appears only when more pages follow.
 */
export function listPage(ctx: ListContext, req: ListRequest): ListResult {
  const limit = pageSize(req.limit);
  const expr = req.filters ? parseFilter(req.filters) : undefined;
  const predicates: NodePredicate[] = [];
  if (expr) predicates.push(compileFilter(expr));
  if (req.trashOnly) predicates.push((n) => n.status === 'TRASH');
  else if (!mentionsField(expr, 'status')) predicates.push((n) => n.status !== 'TRASH');
  predicates.push((n) => n.visibleAt === undefined || n.visibleAt <= ctx.now);

  const scope = req.parentId ?? requiredParent(expr);
  const candidates = scope !== undefined ? ctx.store.childrenOf(scope) : [...ctx.store.all()].filter((n) => n.status !== 'PURGED');
  if (req.parentId !== undefined) predicates.push((n) => n.parents.includes(req.parentId!));
  const matches = candidates.filter((n) => predicates.every((p) => p(n))).sort((a, b) => a.seq - b.seq);

  const queryKey = JSON.stringify([req.filters ?? '', req.parentId ?? '', req.trashOnly ?? false]);
  let start = 0;
  if (req.startToken) {
    const afterSeq = ctx.tokens.resolve(req.startToken, queryKey, ctx.nextTokenTtlMs);
    start = matches.findIndex((n) => n.seq > afterSeq);
    if (start < 0) start = matches.length;
  }
  const data = matches.slice(start, start + limit);
  const result: ListResult = { count: matches.length, data };
  if (start + limit < matches.length) result.nextToken = ctx.tokens.issue(queryKey, data[data.length - 1]!.seq);
  return result;
}
