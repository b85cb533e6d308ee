import { UsageError } from '@rsyncish/core';

/** rclone's --dump items that rsyncish implements. */
const ITEMS = ['filters', 'headers', 'bodies', 'requests', 'responses', 'auth'] as const;
export type DumpItem = (typeof ITEMS)[number];

/** The comma list of --dump, checked: an unknown item is an error naming it, as in rclone. */
export function parseDumpItems(text: string | undefined): Set<DumpItem> {
  const items = new Set<DumpItem>();
  if (text === undefined) return items;
  for (const raw of text.split(',')) {
    const item = raw.trim().toLowerCase();
    if (item === '') continue;
    if (!(ITEMS as readonly string[]).includes(item)) {
      throw new UsageError('ERR_BAD_FLAG', `--dump: unknown item "${item}"`, { hint: `the items are: ${ITEMS.join(', ')}` });
    }
    items.add(item as DumpItem);
  }
  return items;
}

/** Any item but filters dumps HTTP traffic. */
export function dumpsHttp(items: Set<DumpItem>): boolean {
  return [...items].some((i) => i !== 'filters');
}
