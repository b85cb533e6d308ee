import { UsageError } from '@rsyncish/core';
import { redact } from '../remote-config/render.js';
import { chooseBackend } from './backend-choice.js';
import { choose, type Choice } from './choose.js';
import type { WizardContext } from './context.js';
import { InputEnded } from './line-reader.js';
import { configureRemote } from './remote-editor.js';
import { askNewName, printRemotes, selectRemote } from './remote-choice.js';

const MENU: Record<string, Choice> = {
  e: { key: 'e', label: 'Edit existing remote' },
  n: { key: 'n', label: 'New remote' },
  d: { key: 'd', label: 'Delete remote' },
  r: { key: 'r', label: 'Rename remote' },
  c: { key: 'c', label: 'Copy remote' },
  q: { key: 'q', label: 'Quit config' },
};

/**
 * `rsyncish config`: rclone's main menu, until "Quit config" or the end of
 * input at the menu (both a clean exit). Input that ends in the middle of an
 * action is an error, and that action has written nothing.
 */
export async function runWizard(ctx: WizardContext): Promise<void> {
  const { io, store } = ctx;
  for (;;) {
    const remotes = await store.remotes();
    let key: string;
    try {
      if (remotes.length === 0) {
        io.print('No remotes found, make a new one?');
        key = await choose(io, [MENU['n']!, MENU['q']!]);
      } else {
        await printRemotes(ctx);
        key = await choose(io, ['e', 'n', 'd', 'r', 'c', 'q'].map((k) => MENU[k]!));
      }
    } catch (err) {
      if (err instanceof InputEnded) return;
      throw err;
    }
    if (key === 'q') return;
    try {
      await ACTIONS[key]!(ctx);
    } catch (err) {
      if (!(err instanceof InputEnded)) throw err;
      throw new UsageError('ERR_INPUT_ENDED', `input ended in the middle of "${MENU[key]!.label}": nothing was saved`, {
        hint: 'answer every question (end with "q" to quit the menu), or use "rsyncish config create" in scripts',
      });
    }
  }
}

const ACTIONS: Record<string, (ctx: WizardContext) => Promise<void>> = {
  n: async (ctx) => {
    const name = await askNewName(ctx, 'Enter name for new remote.');
    const def = await chooseBackend(ctx.io, ctx.registry.all());
    await configureRemote(ctx, name, def);
  },
  e: async (ctx) => {
    const name = await selectRemote(ctx);
    const values = (await ctx.store.get(name))!;
    const def = ctx.registry.get(values['type'] ?? '');
    if (!def) {
      ctx.io.print(`Remote "${name}" has type "${values['type'] ?? ''}", which no installed backend provides: it cannot be edited here.`);
      return;
    }
    ctx.io.print(`Editing existing "${name}" remote with options:`);
    for (const [k, v] of Object.entries(redact(values, ctx.registry))) ctx.io.print(`- ${k}: ${v}`);
    await configureRemote(ctx, name, def, values);
  },
  d: async (ctx) => {
    await ctx.store.delete(await selectRemote(ctx));
  },
  r: async (ctx) => {
    const from = await selectRemote(ctx);
    const to = await askNewName(ctx, `Enter new name for "${from}" remote.`);
    await ctx.store.update((sections) => {
      const entries = [...sections].map(([k, v]) => [k === from ? to : k, v] as const);
      sections.clear();
      for (const [k, v] of entries) sections.set(k, v);
    });
  },
  c: async (ctx) => {
    const from = await selectRemote(ctx);
    const to = await askNewName(ctx, `Enter name for copy of "${from}" remote.`);
    await ctx.store.set(to, (await ctx.store.get(from))!, false);
  },
};
