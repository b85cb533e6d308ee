// Hashes a whole file off the JavaScript thread: rsyncish's local backend
// uses it for files past its small-file size when the addon is built.
//
// Why native: Node's md5 of a 2 GiB file from the page cache (read in 128 KiB
// blocks into a Buffer, hashed on the main thread, which hands the event loop
// back every few milliseconds) ran 4.1-4.4 s pinned to one CPU; mapped here
// and hashed on libuv's thread pool with the same OpenSSL, 3.8 s. Mapping
// saves the kernel's copy into a buffer; the pool keeps the main thread free.
//
// A mapped file that shrinks while it is hashed raises SIGBUS on the pages
// past its new end. The hashing thread catches that (sigsetjmp), puts back
// the hash state it saved before the window, and reads the rest with read(2),
// which sees the new end: the result is what a read loop would have given.

#include <node_api.h>
#include <openssl/evp.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_TYPES 2
// Mapped at a time: small enough for the process's RSS (mapped pages count),
// big enough that mmap/munmap calls are few.
#define WINDOW_BYTES (8u << 20)
// read(2) blocks: 128 KiB stay in the CPU's cache between the copy and the hash.
#define READ_BYTES (128u << 10)

typedef struct {
  napi_async_work work;
  napi_deferred deferred;
  char *path;
  int ntypes;
  const EVP_MD *types[MAX_TYPES];
  // Results: digests, or the errno and the call that failed.
  unsigned char digest[MAX_TYPES][EVP_MAX_MD_SIZE];
  unsigned int digest_len[MAX_TYPES];
  double bytes;
  int err;
  const char *syscall;
} job_t;

// The SIGBUS escape of the thread that is hashing a mapped window, if any.
static __thread sigjmp_buf *bus_escape;
static struct sigaction previous_bus;
static pthread_once_t bus_once = PTHREAD_ONCE_INIT;
static int bus_installed;

static void on_sigbus(int sig, siginfo_t *info, void *context) {
  if (bus_escape != NULL) siglongjmp(*bus_escape, 1);
  // Not a fault of ours: restore what was there; returning re-runs the faulting
  // instruction, which then gets the previous disposition (by default, the end).
  sigaction(SIGBUS, &previous_bus, NULL);
  (void)sig;
  (void)info;
  (void)context;
}

static void install_bus_handler(void) {
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_sigaction = on_sigbus;
  action.sa_flags = SA_SIGINFO;
  sigemptyset(&action.sa_mask);
  bus_installed = sigaction(SIGBUS, &action, &previous_bus) == 0;
}

static int update_all(EVP_MD_CTX **ctx, int n, const void *data, size_t len) {
  for (int i = 0; i < n; i++)
    if (EVP_DigestUpdate(ctx[i], data, len) != 1) return -1;
  return 0;
}

/*
 * Hashes one mapped window: 0 when done, 1 when the file shrank under it
 * (the hash state is then back to what it was before the window), -1 when
 * hashing failed. Nothing it reads after the jump is changed after sigsetjmp.
 */
static int hash_window(int ntypes, EVP_MD_CTX **ctx, EVP_MD_CTX **saved, const void *map, size_t len) {
  sigjmp_buf escape;
  for (int i = 0; i < ntypes; i++) EVP_MD_CTX_copy_ex(saved[i], ctx[i]);
  if (sigsetjmp(escape, 1) != 0) {
    bus_escape = NULL;
    for (int i = 0; i < ntypes; i++) EVP_MD_CTX_copy_ex(ctx[i], saved[i]);
    return 1;
  }
  bus_escape = &escape;
  int failed = update_all(ctx, ntypes, map, len);
  bus_escape = NULL;
  return failed ? -1 : 0;
}

/* Hashes [offset, size) through mappings; returns the offset it got to, or -1 when hashing failed. */
static off_t hash_mapped(job_t *job, int fd, EVP_MD_CTX **ctx, EVP_MD_CTX **saved, off_t offset, off_t size) {
  while (offset < size) {
    size_t len = (size_t)(size - offset) < WINDOW_BYTES ? (size_t)(size - offset) : WINDOW_BYTES;
    void *map = mmap(NULL, len, PROT_READ, MAP_SHARED, fd, offset);
    if (map == MAP_FAILED) return offset;  // not mappable (some filesystems): read(2) does the rest
    madvise(map, len, MADV_SEQUENTIAL);
    int outcome = hash_window(job->ntypes, ctx, saved, map, len);
    munmap(map, len);
    if (outcome < 0) return -1;
    if (outcome > 0) return offset;  // the file shrank: read(2) finds its new end
    offset += (off_t)len;
  }
  return offset;
}

static void execute(napi_env env, void *data) {
  job_t *job = data;
  EVP_MD_CTX *ctx[MAX_TYPES] = {0}, *saved[MAX_TYPES] = {0};
  unsigned char *buf = NULL;
  (void)env;
  int fd = open(job->path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    job->err = errno;
    job->syscall = "open";
    return;
  }
  struct stat st;
  if (fstat(fd, &st) != 0) {
    job->err = errno;
    job->syscall = "fstat";
    goto done;
  }
  if (S_ISDIR(st.st_mode)) {
    job->err = EISDIR;
    job->syscall = "read";
    goto done;
  }
  for (int i = 0; i < job->ntypes; i++) {
    ctx[i] = EVP_MD_CTX_new();
    saved[i] = EVP_MD_CTX_new();
    if (ctx[i] == NULL || saved[i] == NULL || EVP_DigestInit_ex(ctx[i], job->types[i], NULL) != 1) {
      job->err = ENOMEM;
      job->syscall = "hash";
      goto done;
    }
  }
  off_t offset = 0;
  if (S_ISREG(st.st_mode) && st.st_size > 0) {
    pthread_once(&bus_once, install_bus_handler);
    if (bus_installed) offset = hash_mapped(job, fd, ctx, saved, 0, st.st_size);
    if (offset < 0) {
      job->err = ENOMEM;
      job->syscall = "hash";
      goto done;
    }
  }
  // Whatever was not mapped: a file that grew or shrank, or one that cannot be mapped.
  buf = malloc(READ_BYTES);
  if (buf == NULL) {
    job->err = ENOMEM;
    job->syscall = "read";
    goto done;
  }
  for (;;) {
    // A pipe or a device has no offsets: read it as a stream.
    ssize_t n = S_ISREG(st.st_mode) ? pread(fd, buf, READ_BYTES, offset) : read(fd, buf, READ_BYTES);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      job->err = errno;
      job->syscall = "read";
      goto done;
    }
    if (n == 0) break;
    if (update_all(ctx, job->ntypes, buf, (size_t)n) != 0) {
      job->err = ENOMEM;
      job->syscall = "hash";
      goto done;
    }
    offset += n;
  }
  for (int i = 0; i < job->ntypes; i++) EVP_DigestFinal_ex(ctx[i], job->digest[i], &job->digest_len[i]);
  job->bytes = (double)offset;
done:
  free(buf);
  for (int i = 0; i < job->ntypes; i++) {
    EVP_MD_CTX_free(ctx[i]);
    EVP_MD_CTX_free(saved[i]);
  }
  close(fd);
}

static void complete(napi_env env, napi_status status, void *data) {
  job_t *job = data;
  napi_value result;
  if (status != napi_ok) {
    job->err = ECANCELED;
    job->syscall = "hash";
  }
  if (job->err != 0) {
    // {errno, syscall}: the JavaScript side makes a Node-style error of it.
    napi_value value;
    napi_create_object(env, &result);
    napi_create_int32(env, job->err, &value);
    napi_set_named_property(env, result, "errno", value);
    napi_create_string_utf8(env, job->syscall, NAPI_AUTO_LENGTH, &value);
    napi_set_named_property(env, result, "syscall", value);
    napi_reject_deferred(env, job->deferred, result);
  } else {
    static const char hex[] = "0123456789abcdef";
    napi_value digests, value;
    napi_create_array_with_length(env, (size_t)job->ntypes, &digests);
    for (int i = 0; i < job->ntypes; i++) {
      char text[EVP_MAX_MD_SIZE * 2];
      for (unsigned j = 0; j < job->digest_len[i]; j++) {
        text[2 * j] = hex[job->digest[i][j] >> 4];
        text[2 * j + 1] = hex[job->digest[i][j] & 15];
      }
      napi_create_string_utf8(env, text, job->digest_len[i] * 2, &value);
      napi_set_element(env, digests, (uint32_t)i, value);
    }
    napi_create_object(env, &result);
    napi_set_named_property(env, result, "digests", digests);
    napi_create_double(env, job->bytes, &value);
    napi_set_named_property(env, result, "bytes", value);
    napi_resolve_deferred(env, job->deferred, result);
  }
  napi_delete_async_work(env, job->work);
  free(job->path);
  free(job);
}

static napi_value throw_type_error(napi_env env, const char *message) {
  napi_throw_type_error(env, NULL, message);
  return NULL;
}

/* hashFile(path: string, types: ('md5' | 'sha1')[]): Promise<{digests: string[], bytes: number}> */
static napi_value hash_file(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 2) return throw_type_error(env, "hashFile(path, types)");
  size_t len;
  if (napi_get_value_string_utf8(env, argv[0], NULL, 0, &len) != napi_ok) return throw_type_error(env, "path must be a string");
  uint32_t ntypes;
  bool is_array;
  if (napi_is_array(env, argv[1], &is_array) != napi_ok || !is_array || napi_get_array_length(env, argv[1], &ntypes) != napi_ok ||
      ntypes < 1 || ntypes > MAX_TYPES)
    return throw_type_error(env, "types must be an array of one or two hash names");
  job_t *job = calloc(1, sizeof *job);
  if (job == NULL) return throw_type_error(env, "out of memory");
  job->path = malloc(len + 1);
  if (job->path == NULL) {
    free(job);
    return throw_type_error(env, "out of memory");
  }
  napi_get_value_string_utf8(env, argv[0], job->path, len + 1, &len);
  job->ntypes = (int)ntypes;
  for (uint32_t i = 0; i < ntypes; i++) {
    napi_value item;
    char name[8] = {0};
    size_t name_len = 0;
    napi_get_element(env, argv[1], i, &item);
    napi_get_value_string_utf8(env, item, name, sizeof name, &name_len);
    job->types[i] = strcmp(name, "md5") == 0 ? EVP_md5() : strcmp(name, "sha1") == 0 ? EVP_sha1() : NULL;
    if (job->types[i] == NULL) {
      free(job->path);
      free(job);
      return throw_type_error(env, "hash names are md5 and sha1");
    }
  }
  napi_value promise, name;
  napi_create_promise(env, &job->deferred, &promise);
  napi_create_string_utf8(env, "rsyncish:hashFile", NAPI_AUTO_LENGTH, &name);
  napi_create_async_work(env, NULL, name, execute, complete, job, &job->work);
  napi_queue_async_work(env, job->work);
  return promise;
}

NAPI_MODULE_INIT() {
  napi_value fn;
  napi_create_function(env, "hashFile", NAPI_AUTO_LENGTH, hash_file, NULL, &fn);
  napi_set_named_property(env, exports, "hashFile", fn);
  return exports;
}
