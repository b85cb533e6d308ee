/** The key two names collide under: exact, or Unicode-case-folded for case-insensitive sides. */
export function nameKey(name: string, caseInsensitive: boolean): string {
  return caseInsensitive ? name.normalize('NFC').toLowerCase() : name;
}
