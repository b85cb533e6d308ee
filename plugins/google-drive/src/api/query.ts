/** A string literal of Drive's `q` language: `\` and `'` escaped with a backslash, as rclone does. */
export function quoted(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** The `q` of one folder's live children, optionally only those called `name` (matched without case by Drive). */
export function childrenQuery(folderId: string, name?: string): string {
  const terms = ['trashed=false', `${quoted(folderId)} in parents`];
  if (name !== undefined) terms.push(`name=${quoted(name)}`);
  return terms.join(' and ');
}
