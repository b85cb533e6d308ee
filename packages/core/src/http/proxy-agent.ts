/**
 * undici's ProxyAgent, loaded only when HTTPS_PROXY or HTTP_PROXY sends a
 * request through one. It comes from undici's index, not by path as the Agent
 * does (undici-lite.ts): the tunnel uses Dispatcher.connect(), which only the
 * index installs.
 */
export { ProxyAgent } from 'undici';
