import type { BackendDefinition } from '@rsyncish/core';
import { choose, confirm } from './choose.js';
import type { WizardContext } from './context.js';
import { isOAuthBackend, runSetupStep } from './oauth-step.js';
import { askOption } from './option-prompt.js';

/**
 * Configure one remote from start to end: basic options, optionally the
 * advanced ones, the backend's setup step (OAuth), then the section is shown
 * and kept, edited again or dropped. Nothing is written before "Yes this is OK".
 */
export async function configureRemote(
  ctx: WizardContext,
  name: string,
  def: BackendDefinition,
  existing?: Record<string, string>,
): Promise<void> {
  const { io } = ctx;
  let current = existing;
  for (;;) {
    let values: Record<string, string> = { type: def.type };
    const ask = async (advanced: boolean) => {
      for (const spec of def.options.filter((o) => !!o.advanced === advanced)) {
        const answer = await askOption(io, spec, current?.[spec.name]);
        if (answer !== '') values[spec.name] = answer;
      }
    };
    await ask(false);
    if (def.options.some((o) => o.advanced)) {
      if (await confirm(io, 'Edit advanced config?', false)) {
        await ask(true);
      } else {
        // Advanced values set before stay as they were.
        for (const spec of def.options.filter((o) => o.advanced)) {
          const kept = current?.[spec.name];
          if (kept) values[spec.name] = kept;
        }
      }
    }
    if (current && isOAuthBackend(def) && values['token'] && (await confirm(io, 'Already have a token - refresh?', true))) {
      delete values['token'];
    }
    values = await runSetupStep(io, def, values, { remoteName: name, redirectPort: ctx.redirectPort, http: ctx.http });
    // The user's own terminal: rclone shows the whole section, token included.
    io.print('--------------------');
    io.print(`[${name}]`);
    for (const [k, v] of Object.entries(values)) io.print(`${k} = ${v}`);
    io.print('--------------------');
    io.print(`Keep this "${name}" remote?`);
    const answer = await choose(io, [
      { key: 'y', label: 'Yes this is OK' },
      { key: 'e', label: 'Edit this remote' },
      { key: 'd', label: 'Delete this remote' },
    ], 'y');
    if (answer === 'y') {
      await ctx.store.set(name, values, false);
      return;
    }
    if (answer === 'd') {
      if (existing) await ctx.store.delete(name);
      return;
    }
    current = values;
  }
}
