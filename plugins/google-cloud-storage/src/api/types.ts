/** An object resource of the JSON API, as far as the backend reads it. Numbers arrive as strings. */
export interface ObjectResource {
  name: string;
  bucket: string;
  size: string;
  generation?: string;
  md5Hash?: string;
  crc32c?: string;
  contentType?: string;
  updated?: string;
  metadata?: Record<string, string>;
  mediaLink?: string;
}

export interface ObjectsPage {
  items?: ObjectResource[];
  prefixes?: string[];
  nextPageToken?: string;
}

export interface BucketsPage {
  items?: { name: string; timeCreated?: string }[];
  nextPageToken?: string;
}

export interface RewriteResponse {
  totalBytesRewritten: string;
  objectSize: string;
  done: boolean;
  rewriteToken?: string;
  resource?: ObjectResource;
}

/** The settable fields sent with an upload, a copy or a rewrite. */
export interface ObjectFields {
  name?: string;
  contentType?: string;
  storageClass?: string;
  metadata?: Record<string, string>;
  md5Hash?: string;
  crc32c?: string;
}
