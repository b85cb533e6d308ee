import type { SwiftClient } from './swift-client.js';

/** One row of a JSON container listing: an object, or a pseudo-folder (`subdir`) under a delimiter. */
export interface ListedObject {
  name?: string;
  subdir?: string;
  bytes?: number;
  hash?: string;
  last_modified?: string;
  content_type?: string;
}

export interface ListInit {
  container: string;
  prefix: string;
  /** '/' for one folder level, '' for everything below the prefix. */
  delimiter: string;
  pageSize?: number;
  signal?: AbortSignal;
}

/** A container's listing, page by page: each next page starts after the last name (marker). */
export async function* listContainerPages(client: SwiftClient, init: ListInit): AsyncIterable<ListedObject[]> {
  const limit = init.pageSize ?? 1000;
  let marker = '';
  for (;;) {
    const query: Record<string, string> = { format: 'json', limit: String(limit) };
    if (init.prefix) query['prefix'] = init.prefix;
    if (init.delimiter) query['delimiter'] = init.delimiter;
    if (marker) query['marker'] = marker;
    const page = await client.json<ListedObject[]>({ method: 'GET', container: init.container, query, signal: init.signal });
    if (page.length > 0) yield page;
    if (page.length < limit) return;
    const last = page[page.length - 1]!;
    marker = last.name ?? last.subdir ?? '';
  }
}

/** The account's containers, paged the same way. */
export async function* listContainers(client: SwiftClient, pageSize = 1000): AsyncIterable<{ name: string; count: number; bytes: number }> {
  let marker = '';
  for (;;) {
    const query: Record<string, string> = { format: 'json', limit: String(pageSize) };
    if (marker) query['marker'] = marker;
    const page = await client.json<{ name: string; count: number; bytes: number }[]>({ method: 'GET', container: '', query });
    yield* page;
    if (page.length < pageSize) return;
    marker = page[page.length - 1]!.name;
  }
}
