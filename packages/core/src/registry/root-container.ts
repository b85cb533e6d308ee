import 'reflect-metadata';
import { container as rootContainer } from 'tsyringe';

/**
 * tsyringe's root container, for a host whose composition root uses it (the
 * CLI builds its HostServices there). Core itself resolves nothing from it:
 * its API takes the services as plain values. Exported because core's bundle
 * carries its own tsyringe, and a second copy would hold a second registry.
 */
export { rootContainer };
