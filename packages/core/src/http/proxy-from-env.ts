/**
 * The proxy for a URL, by the rules of Go's http.ProxyFromEnvironment, which
 * rclone uses: HTTPS_PROXY for https, HTTP_PROXY for http (either case);
 * NO_PROXY lists hosts (`a.com` is it and its subdomains, `.a.com` only its
 * subdomains, `*` all, `host:port` only that port); localhost and loopback addresses
 * are never proxied. A proxy URL without a scheme is taken as http://.
 */
export function proxyFor(url: URL, env: NodeJS.ProcessEnv): string | undefined {
  const pick = (name: string) => env[name] || env[name.toLowerCase()] || undefined;
  const proxy = url.protocol === 'https:' ? pick('HTTPS_PROXY') : url.protocol === 'http:' ? pick('HTTP_PROXY') : undefined;
  if (!proxy) return undefined;
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (isLoopback(host)) return undefined;
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  if (excluded(host, port, pick('NO_PROXY') ?? '')) return undefined;
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(proxy) ? proxy : `http://${proxy}`;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(host) || host === '::1';
}

function excluded(host: string, port: string, noProxy: string): boolean {
  for (const raw of noProxy.split(/[,\s]+/)) {
    const entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    if (entry === '*') return true;
    const m = /^(.*?)(?::(\d+))?$/.exec(entry.replace(/^\[(.*)\](:\d+)?$/, '$1$2'))!;
    const subdomainsOnly = /^\*?\./.test(m[1]);
    const name = m[1].replace(/^\*?\./, '');
    if (m[2] && m[2] !== port) continue;
    if ((!subdomainsOnly && host === name) || host.endsWith(`.${name}`)) return true;
  }
  return false;
}
