/**
 * The commands a mistyped name may have meant, chosen as rclone (cobra) chooses
 * them: within two edits, or names the typed text begins, ignoring case.
 */
export function didYouMean(typed: string, names: readonly string[]): string[] {
  const t = typed.toLowerCase();
  return names.filter((name) => {
    const n = name.toLowerCase();
    return editDistance(t, n) <= 2 || (t !== '' && n.startsWith(t));
  });
}

/** Levenshtein distance: insertions, deletions and substitutions each cost one. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      row.push(Math.min(previous[j] + 1, row[j - 1] + 1, substitution));
    }
    previous = row;
  }
  return previous[b.length];
}
