import type { Kit } from '../kit.js';
import { listNames, putBytes, readBack } from '../ops.js';
import { broken, show } from '../violation.js';

/** 'é' is two bytes in UTF-8; 127 of them and one ASCII letter make a 255-byte name. */
const LONG_NAME = `${'é'.repeat(127)}x`;

/** Names that break naive URL building, shell quoting, trimming and byte counting. Slug = skip id. */
export const ODD_NAMES: [slug: string, name: string][] = [
  ['space', 'a b'],
  ['hash', 'a #b'],
  ['percent', '100% %41'],
  ['question', 'what?'],
  ['star', 'star*'],
  ['punctuation', `!$&'()+,;=@[]^{}~\``],
  ['quotes', `"double" 'single'`],
  ['leading-space', ' leading'],
  ['trailing-space', 'trailing '],
  ['dot-hidden', '.hidden'],
  ['dash', '-dash'],
  ['tilde', '~tilde'],
  ['emoji', 'snow ☃ 🎉'],
  ['long-utf8', LONG_NAME],
];

export function registerOddNames(kit: Kit): void {
  for (const [slug, name] of ODD_NAMES) {
    kit.check(`odd-names/${slug}`, `${show(name)} is stored, listed and read back exactly`, async ({ dir }) => {
      await roundTrip(kit, dir, name);
    });
  }

  kit.check('unicode-normalization', 'é in NFC and in NFD are two names unless normalizationInsensitive is declared', async ({ dir }) => {
    const b = kit.backend;
    const nfc = 'caf\u00e9';
    const nfd = 'cafe\u0301';
    await roundTrip(kit, `${dir}/nfc`, nfc);
    await roundTrip(kit, `${dir}/nfd`, nfd);
    // The march matches a name to its exact twin first and must know when two are one.
    await putBytes(b, `${dir}/both/${nfc}`, 'AAAA');
    await putBytes(b, `${dir}/both/${nfd}`, 'BBBBBB');
    const names = [...(await listNames(b, `${dir}/both`)).keys()];
    if (kit.caps.normalizationInsensitive) {
      if (names.length !== 1) broken(`declares normalizationInsensitive but NFC and NFD "café" are listed as ${names.length} names`);
      return;
    }
    if (names.length !== 2 || !names.includes(nfc) || !names.includes(nfd)) {
      broken(`NFC and NFD "café" became ${JSON.stringify(names)}: a put of one replaced the other; declare normalizationInsensitive: true`);
    }
    const [first, second] = [await readBack(b, `${dir}/both/${nfc}`), await readBack(b, `${dir}/both/${nfd}`)];
    if (first.toString() !== 'AAAA' || second.toString() !== 'BBBBBB') {
      broken(`NFC and NFD "café" are listed as two names but read back ${JSON.stringify(first.toString())} and ${JSON.stringify(second.toString())} instead of "AAAA" and "BBBBBB"`);
    }
  });
}

/** Alone in its folder, so the listing shows exactly what the backend made of the name. */
async function roundTrip(kit: Kit, dir: string, name: string): Promise<void> {
  const b = kit.backend;
  const path = `${dir}/${name}`;
  const content = Buffer.from(`content of ${name}\n`);
  await putBytes(b, path, content);
  // A backend that dropped the file may not have made its folder either: that is the same loss.
  const listing = await listNames(b, dir).catch((err: Error) => {
    if (err.message.includes('ERR_NOT_FOUND')) return new Map<string, unknown>();
    throw err;
  });
  const names = [...listing.keys()];
  if (!names.includes(name)) {
    const instead = names.length > 0 ? `; list shows ${names.map(show).join(', ')} instead` : '';
    broken(`file with odd name ${show(name)} was lost: not listed after put${instead}`);
  }
  if (names.length !== 1) broken(`file with odd name ${show(name)} is listed along with ${JSON.stringify(names.filter((n) => n !== name))}`);
  const back = await readBack(b, path);
  if (!back.equals(content)) broken(`file with odd name ${show(name)} reads back ${back.length} bytes that differ from the ${content.length} put`);
}
