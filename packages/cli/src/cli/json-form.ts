import { UsageError } from '@rsyncish/core';

/**
 * The commands whose run writes --json events (docs/sync.md#json-events---json).
 * A command with a `json` flag of its own (size, backends) has its own JSON form.
 */
const JSON_EVENT_COMMANDS = new Set(['copy', 'sync', 'move', 'copyto', 'moveto', 'check', 'delete', 'purge', 'rmdirs', 'mkdir', 'rmdir']);

/**
 * A --json that a command would silently ignore is refused instead: a script
 * that asks for JSON and reads text would break in a way that is hard to see.
 * Only the command line counts; RSYNCISH_JSON applies where it can.
 */
export function refuseJsonWithout(id: string, argv: readonly string[], ownFlags: Record<string, unknown> | undefined): void {
  if (Object.hasOwn(ownFlags ?? {}, 'json') || JSON_EVENT_COMMANDS.has(id)) return;
  const dashes = argv.indexOf('--');
  const given = (dashes === -1 ? argv : argv.slice(0, dashes)).some((a) => a === '--json' || a.startsWith('--json='));
  if (!given) return;
  const name = id.replace(/:/g, ' ');
  throw new UsageError('ERR_NO_JSON_FORM', `--json: "${name}" has no JSON output`, {
    hint: `drop --json: it applies to ${[...JSON_EVENT_COMMANDS].join(', ')}, and size and backends have their own`,
  });
}
