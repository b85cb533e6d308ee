import type { Args } from '../args.js';
import { argReader } from '../args.js';
import type { RequestContext } from '../context.js';
import { badInput, Failure } from '../errors.js';
import { entryJson } from '../metadata.js';
import { finishFailure, finishSession, parseFinishArg } from './upload.js';

const MAX_BATCH = 1000;

/**
 * Commits every entry of a batch, one after another, each succeeding or failing alone (a
 * failed entry is `{".tag":"failure","failure":UploadSessionFinishError}`). Every session must
 * have been closed by its last append. The batch's changes are on disk before it is answered.
 */
async function commitBatch(ctx: RequestContext, args: Args): Promise<{ entries: unknown[] }> {
  const list = argReader(ctx.route, args).list('entries');
  if (list.length > MAX_BATCH) throw badInput(ctx.route, `request body: entries: list has more than ${MAX_BATCH} items`);
  // A badly typed entry is the whole request's 400; a malformed path fails that entry alone.
  const parsed = list.map((raw, i) => {
    try {
      return parseFinishArg(ctx.route, raw as Args, `entries[${i}].`);
    } catch (err) {
      if (err instanceof Failure) return err;
      throw err;
    }
  });
  const entries: unknown[] = [];
  for (const item of parsed) {
    if (ctx.app.faults.batchEntryContended()) {
      entries.push({ '.tag': 'failure', failure: { '.tag': 'too_many_write_operations' } });
      continue;
    }
    try {
      if (item instanceof Failure) throw item;
      const entry = await finishSession(ctx, item.cursor, item.info, true);
      entries.push({ '.tag': 'success', ...entryJson(entry) });
    } catch (err) {
      if (!(err instanceof Failure)) throw err;
      entries.push({ '.tag': 'failure', failure: finishFailure(err) });
    }
  }
  await ctx.app.commit();
  return { entries };
}

/** finish_batch_v2: answers with the results at once. */
export function finishBatchV2(ctx: RequestContext, args: Args): Promise<unknown> {
  return commitBatch(ctx, args);
}

/** finish_batch (v1): answers with an async job, whose results finish_batch/check hands out. */
export async function finishBatchV1(ctx: RequestContext, args: Args): Promise<unknown> {
  const result = await commitBatch(ctx, args);
  return { '.tag': 'async_job_id', async_job_id: ctx.app.jobs.add(result) };
}

export function finishBatchCheck(ctx: RequestContext, args: Args): Promise<unknown> {
  return Promise.resolve(ctx.app.jobs.check(argReader(ctx.route, args).string('async_job_id')));
}
