import { BaseCommand } from '../../base-command.js';

export default class ConfigDump extends BaseCommand<typeof ConfigDump> {
  static override summary = 'Dump the config file as JSON.';
  static override description = 'One JSON object: remote name -> its options (strings), keys sorted as rclone prints them. Secret options show as XXX.';
  static override examples = [{ command: '<%= config.bin %> config dump', description: 'All remotes as JSON.' }];

  async run(): Promise<void> {
    const { redact } = await import('../../remote-config/render.js');
    const { store, registry } = this.session;
    const sortKeys = (o: Record<string, string>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    const out: Record<string, Record<string, string>> = {};
    for (const remote of [...(await store.remotes())].sort()) out[remote] = sortKeys(redact((await store.get(remote))!, registry));
    this.log(JSON.stringify(out, null, 4));
  }
}
