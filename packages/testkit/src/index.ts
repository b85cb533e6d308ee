export { runConformanceSuite } from './suite.js';
export type { ConformanceOptions, SkipRule } from './options.js';
export { ODD_NAMES } from './checks/odd-names.js';
export { createTestContext, type TestContext, type TestContextInput, type LoggedLine } from './test-context.js';
export { capabilitiesBeyond } from './capabilities-beyond.js';
export { countTpsSlots, type TpsSlots } from './tps-slots.js';
export { chunkedBody, collect, failingAtOnce, readAll } from './streams.js';
export { lineLogger } from './line-logger.js';
