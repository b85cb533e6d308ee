/** undici's ProxyAgent, loaded only when HTTPS_PROXY or HTTP_PROXY sends a request through one. */
import ProxyAgent from 'undici/lib/dispatcher/proxy-agent.js';

export { ProxyAgent };
