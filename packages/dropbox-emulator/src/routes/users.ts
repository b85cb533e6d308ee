import type { RequestContext } from '../context.js';

/** What the emulated account may hold: 2 TiB, a Plus plan. */
export const ALLOCATED_BYTES = 2 * 1024 ** 4;

export function getSpaceUsage(ctx: RequestContext): Promise<unknown> {
  return Promise.resolve({ used: ctx.app.tree.usedBytes(), allocation: { '.tag': 'individual', allocated: ALLOCATED_BYTES } });
}

export function getCurrentAccount(ctx: RequestContext): Promise<unknown> {
  const { account } = ctx.app;
  return Promise.resolve({
    account_id: account.accountId,
    name: { given_name: 'Emulated', surname: 'User', familiar_name: 'Emulated', display_name: 'Emulated User', abbreviated_name: 'EU' },
    email: 'emulated.user@example.com',
    email_verified: true,
    disabled: false,
    country: 'US',
    locale: 'en',
    referral_link: 'https://db.tt/emulated',
    is_paired: false,
    account_type: { '.tag': 'pro' },
    root_info: { '.tag': 'user', root_namespace_id: account.namespaceId, home_namespace_id: account.namespaceId },
  });
}
