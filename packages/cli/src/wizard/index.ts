export { runWizard } from './wizard.js';
export { streamIO, type WizardIO } from './io.js';
export { InputEnded } from './line-reader.js';
export { askAutoConfig, isOAuthBackend, redirectPortFromEnv, runSetupStep } from './oauth-step.js';
export { decodeAuthorizeBlob, encodeAuthorizeBlob, tokenFromPaste } from './authorize-blob.js';
export type { WizardContext } from './context.js';
export { withEnvOptions } from './env-options.js';
