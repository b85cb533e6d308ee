import {
  AlreadyExistsError,
  createStatusErrorMapper,
  FatalBackendError,
  NotFoundError,
  RateLimitedError,
  RetryableError,
  TooLargeError,
  UnauthorizedError,
  type BackendError,
  type HttpFailure,
  type StatusErrorMapper,
} from '@rsyncish/core';
import { DirectoryNotEmptyError } from '@rsyncish/core';
import { xmlText } from './xml.js';

export const CREDENTIALS_HINT = 'check access_key_id and secret_access_key (and region) of the remote';

/** The `<Code>` of an S3 error reply, if the body is one. */
export function s3ErrorCode(failure: HttpFailure): string | undefined {
  return xmlText(failure.body, 'Code');
}

/**
 * S3's error codes, which say more than the status: a 403 is a bad key or a bad
 * signature, a 404 is a missing bucket or a missing key, a 409 a bucket that is
 * not empty or taken by someone else.
 */
export function createS3ErrorMapper(): StatusErrorMapper {
  return createStatusErrorMapper({
    retryable: [408, 429, 500, 502, 503, 504],
    classify(failure): BackendError | undefined {
      const code = s3ErrorCode(failure);
      const detail = xmlText(failure.body, 'Message');
      const message = `${failure.method} ${failure.url}: HTTP ${failure.status}${code ? ` ${code}` : ''}${detail ? `: ${detail}` : ''}`;
      const cause = failure;
      switch (code) {
        case 'SignatureDoesNotMatch':
        case 'InvalidAccessKeyId':
        case 'InvalidToken':
        case 'ExpiredToken':
        case 'TokenRefreshRequired':
          return new UnauthorizedError(message, { cause, hint: CREDENTIALS_HINT });
        case 'AccessDenied':
        case 'AllAccessDisabled':
          return new UnauthorizedError(message, { cause, hint: `${CREDENTIALS_HINT}; the key may also lack permission for this bucket` });
        case 'AuthorizationHeaderMalformed':
        case 'PermanentRedirect':
        case 'IllegalLocationConstraintException':
          return new FatalBackendError(message, { cause, hint: 'the bucket is in another region: set region (and endpoint) of the remote to the bucket\'s' });
        case 'RequestTimeTooSkewed':
          return new FatalBackendError(message, { cause, hint: 'the system clock is off; signatures are valid for 15 minutes' });
        case 'NoSuchBucket':
          return new NotFoundError(message, { cause, isDir: true });
        case 'NoSuchKey':
        case 'NoSuchUpload':
          return new NotFoundError(message, { cause });
        case 'BucketNotEmpty':
          return new DirectoryNotEmptyError(message, { cause });
        case 'BucketAlreadyExists':
          return new AlreadyExistsError(message, { cause, hint: 'bucket names are global: another account owns this one; choose another name' });
        case 'InvalidBucketName':
          return new FatalBackendError(message, { cause, hint: 'bucket names are 3 to 63 lower-case letters, digits, dots and hyphens' });
        case 'SlowDown':
          return new RateLimitedError(message, { cause });
        case 'RequestTimeout':
        case 'InternalError':
        case 'ServiceUnavailable':
          return new RetryableError(message, { cause });
        case 'EntityTooLarge':
          return new TooLargeError(message, { cause });
        default:
          break;
      }
      if (failure.status === 403) return new UnauthorizedError(message, { cause, hint: CREDENTIALS_HINT });
      if (code && failure.status === 400) return new FatalBackendError(message, { cause });
      if (code && failure.status === 501) {
        return new FatalBackendError(message, { cause, hint: 'the server does not implement this S3 feature' });
      }
      return undefined;
    },
  });
}
