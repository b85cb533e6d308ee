import type { BackendRegistry, ConfigStore, HttpTransport } from '@rsyncish/core';
import type { WizardIO } from './io.js';

/** What the wizard works with: the user, the config file and the installed backends. */
export interface WizardContext {
  io: WizardIO;
  store: ConfigStore;
  registry: BackendRegistry;
  /** OAuth redirect port override (tests); undefined = 53682. */
  redirectPort?: number;
  /** The global network flags, for the login's token exchange. */
  http?: HttpTransport;
}
