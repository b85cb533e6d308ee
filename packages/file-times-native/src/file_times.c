// Sets a file's access and modification times to the nanosecond. Node's
// fs.utimes takes a double of seconds and libuv cuts it to microseconds, so
// without this a copy's time differs from its source's below the microsecond
// and tools that compare to the nanosecond (rclone, locally) see it changed.
// utimensat(2) runs on libuv's thread pool, where fs.utimes would run too: a
// slow filesystem (a network mount) then never stalls the JavaScript thread.

#include <node_api.h>

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct {
  napi_async_work work;
  napi_deferred deferred;
  char *path;
  struct timespec times[2];  // atime, then mtime: utimensat's order
  int err;
} job_t;

static void execute(napi_env env, void *data) {
  job_t *job = data;
  job->err = utimensat(AT_FDCWD, job->path, job->times, 0) == 0 ? 0 : errno;
}

static void complete(napi_env env, napi_status status, void *data) {
  job_t *job = data;
  napi_value result, value;
  if (status != napi_ok) job->err = ECANCELED;
  if (job->err != 0) {
    // {errno, syscall}: the JavaScript side makes a Node-style error of it.
    napi_create_object(env, &result);
    napi_create_int32(env, job->err, &value);
    napi_set_named_property(env, result, "errno", value);
    napi_create_string_utf8(env, "utimensat", NAPI_AUTO_LENGTH, &value);
    napi_set_named_property(env, result, "syscall", value);
    napi_reject_deferred(env, job->deferred, result);
  } else {
    napi_get_undefined(env, &result);
    napi_resolve_deferred(env, job->deferred, result);
  }
  napi_delete_async_work(env, job->work);
  free(job->path);
  free(job);
}

// Whole seconds and nanoseconds 0..999999999; index.cjs has checked they are integers.
static int get_time(napi_env env, napi_value sec, napi_value nsec, struct timespec *out) {
  int64_t s, ns;
  if (napi_get_value_int64(env, sec, &s) != napi_ok || napi_get_value_int64(env, nsec, &ns) != napi_ok || ns < 0 || ns > 999999999) return -1;
  out->tv_sec = (time_t)s;
  out->tv_nsec = (long)ns;
  return 0;
}

/* setTimes(path, atimeSec, atimeNsec, mtimeSec, mtimeNsec): Promise<void> */
static napi_value set_times(napi_env env, napi_callback_info info) {
  size_t argc = 5, len = 0;
  napi_value argv[5], promise, name;
  job_t *job = calloc(1, sizeof *job);
  int ok = job != NULL && napi_get_cb_info(env, info, &argc, argv, NULL, NULL) == napi_ok && argc == 5 &&
           napi_get_value_string_utf8(env, argv[0], NULL, 0, &len) == napi_ok && (job->path = malloc(len + 1)) != NULL &&
           napi_get_value_string_utf8(env, argv[0], job->path, len + 1, &len) == napi_ok &&
           strlen(job->path) == len &&  // a NUL inside would make C see a shorter path: another file's
           get_time(env, argv[1], argv[2], &job->times[0]) == 0 && get_time(env, argv[3], argv[4], &job->times[1]) == 0;
  if (!ok) {
    if (job != NULL) free(job->path);
    free(job);
    napi_throw_type_error(env, NULL, "setTimes(path: string without NUL, atimeSec, atimeNsec, mtimeSec, mtimeNsec: integers, nsec < 1e9)");
    return NULL;
  }
  napi_create_promise(env, &job->deferred, &promise);
  napi_create_string_utf8(env, "rsyncish:setTimes", NAPI_AUTO_LENGTH, &name);
  napi_create_async_work(env, NULL, name, execute, complete, job, &job->work);
  napi_queue_async_work(env, job->work);
  return promise;
}

NAPI_MODULE_INIT() {
  napi_value fn;
  napi_create_function(env, "setTimes", NAPI_AUTO_LENGTH, set_times, NULL, &fn);
  napi_set_named_property(env, exports, "setTimes", fn);
  return exports;
}
