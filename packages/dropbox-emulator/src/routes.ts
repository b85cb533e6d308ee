import type { EmulatorControl } from './control.js';
import { controlRoutes } from './control.js';
import { approve, authorize, token } from './oauth.js';
import type { ApiRoute, RouteTable } from './router.js';
import { finishBatchCheck, finishBatchV1, finishBatchV2 } from './routes/batch.js';
import { download } from './routes/download.js';
import { getLatestCursor, getMetadata, listFolder, listFolderContinue } from './routes/files-read.js';
import { copyV2, createFolderV2, deleteV2, moveV2 } from './routes/files-write.js';
import { sessionAppend, sessionFinish, sessionStart, upload } from './routes/upload.js';
import { getCurrentAccount, getSpaceUsage } from './routes/users.js';

const rpc = (handle: ApiRoute['handle'], write = false): ApiRoute => ({ style: 'rpc', write, handle });
const content = (handle: ApiRoute['handle'], write = false): ApiRoute => ({ style: 'upload', write, handle });

/** Every route the emulator serves, by the name Dropbox gives it (and its HTTP path). */
export function allRoutes(control: EmulatorControl, flush: () => Promise<void>): RouteTable {
  return {
    api: {
      'files/list_folder': rpc(listFolder),
      'files/list_folder/continue': rpc(listFolderContinue),
      'files/list_folder/get_latest_cursor': rpc(getLatestCursor),
      'files/get_metadata': rpc(getMetadata),
      'files/create_folder_v2': rpc(createFolderV2, true),
      'files/delete_v2': rpc(deleteV2, true),
      'files/copy_v2': rpc(copyV2, true),
      'files/move_v2': rpc(moveV2, true),
      'files/upload_session/finish_batch': rpc(finishBatchV1, true),
      'files/upload_session/finish_batch_v2': rpc(finishBatchV2, true),
      'files/upload_session/finish_batch/check': rpc(finishBatchCheck),
      'users/get_space_usage': rpc(getSpaceUsage),
      'users/get_current_account': rpc(getCurrentAccount),
      'files/download': { style: 'download', write: false, handle: download },
      'files/upload': content(upload, true),
      'files/upload_session/start': content(sessionStart),
      'files/upload_session/append_v2': content(sessionAppend(true)),
      'files/upload_session/append': content(sessionAppend(false)),
      'files/upload_session/finish': content(sessionFinish, true),
    },
    plain: {
      'GET /oauth2/authorize': authorize,
      'GET /oauth2/authorize/approve': approve,
      'POST /oauth2/authorize/approve': approve,
      'POST /oauth2/token': token,
      ...controlRoutes(control, flush),
    },
  };
}
