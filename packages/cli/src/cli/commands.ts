// Every command, by oclif id. package.json declares this table as oclif's
// command source ("strategy": "explicit"), so the commands are bundled with the
// CLI instead of being found by globbing dist/commands and imported one by one.
// commands.test.ts checks the table against the files in src/commands.
import About from '../commands/about.js';
import Authorize from '../commands/authorize.js';
import Backends from '../commands/backends.js';
import Cat from '../commands/cat.js';
import Check from '../commands/check.js';
import Completion from '../commands/completion.js';
import ConfigCreate from '../commands/config/create.js';
import ConfigDelete from '../commands/config/delete.js';
import ConfigDump from '../commands/config/dump.js';
import ConfigFile from '../commands/config/file.js';
import Config from '../commands/config/index.js';
import ConfigReconnect from '../commands/config/reconnect.js';
import ConfigShow from '../commands/config/show.js';
import ConfigUpdate from '../commands/config/update.js';
import Copy from '../commands/copy.js';
import Copyto from '../commands/copyto.js';
import Delete from '../commands/delete.js';
import Deletefile from '../commands/deletefile.js';
import Hashsum from '../commands/hashsum.js';
import Listremotes from '../commands/listremotes.js';
import Ls from '../commands/ls.js';
import Lsd from '../commands/lsd.js';
import Lsjson from '../commands/lsjson.js';
import Lsf from '../commands/lsf.js';
import Lsl from '../commands/lsl.js';
import Md5sum from '../commands/md5sum.js';
import Mkdir from '../commands/mkdir.js';
import Move from '../commands/move.js';
import Moveto from '../commands/moveto.js';
import Obscure from '../commands/obscure.js';
import Purge from '../commands/purge.js';
import Rcat from '../commands/rcat.js';
import Reveal from '../commands/reveal.js';
import Rmdir from '../commands/rmdir.js';
import Rmdirs from '../commands/rmdirs.js';
import Sha1sum from '../commands/sha1sum.js';
import Size from '../commands/size.js';
import Sync from '../commands/sync.js';
import Touch from '../commands/touch.js';
import Tree from '../commands/tree.js';
import Version from '../commands/version.js';

export const COMMANDS = {
  about: About,
  authorize: Authorize,
  backends: Backends,
  cat: Cat,
  check: Check,
  completion: Completion,
  'config:create': ConfigCreate,
  'config:delete': ConfigDelete,
  'config:dump': ConfigDump,
  'config:file': ConfigFile,
  config: Config,
  'config:reconnect': ConfigReconnect,
  'config:show': ConfigShow,
  'config:update': ConfigUpdate,
  copy: Copy,
  copyto: Copyto,
  delete: Delete,
  deletefile: Deletefile,
  hashsum: Hashsum,
  listremotes: Listremotes,
  ls: Ls,
  lsd: Lsd,
  lsjson: Lsjson,
  lsf: Lsf,
  lsl: Lsl,
  md5sum: Md5sum,
  mkdir: Mkdir,
  move: Move,
  moveto: Moveto,
  obscure: Obscure,
  purge: Purge,
  rcat: Rcat,
  reveal: Reveal,
  rmdir: Rmdir,
  rmdirs: Rmdirs,
  sha1sum: Sha1sum,
  size: Size,
  sync: Sync,
  touch: Touch,
  tree: Tree,
  version: Version,
};
