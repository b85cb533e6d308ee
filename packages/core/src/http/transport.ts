/**
 * Process-wide HTTP settings from the global flags, shared by every backend's
 * HttpClient: rclone's --ca-cert, --client-cert/--client-key, --user-agent and
 * --dump. Backends receive them in BackendGlobals and hand them on unread.
 */
export interface HttpTransport {
  /** PEM file of the CAs that verify servers, in place of the system's (--ca-cert). */
  caCertFile?: string;
  /** PEM certificate and key presented to servers that ask for one (--client-cert, --client-key). */
  clientCertFile?: string;
  clientKeyFile?: string;
  /** Replaces the backend's own User-Agent (--user-agent). */
  userAgent?: string;
  /** What --dump asked for, and where the dump lines go. */
  dump?: HttpDump;
  /** Where HTTPS_PROXY, HTTP_PROXY and NO_PROXY are read; process.env when absent. */
  env?: NodeJS.ProcessEnv;
}

export interface HttpDump {
  /** Request line and headers, status line and headers (every --dump item implies them). */
  headers: boolean;
  /** Request bodies (--dump bodies or requests). */
  requestBodies: boolean;
  /** Response bodies (--dump bodies or responses). */
  responseBodies: boolean;
  /** Show credentials in headers as they are (--dump auth); bodies stay masked. */
  auth: boolean;
  /** One dump block: called with the lines to log at DEBUG. */
  write(line: string): void;
}
