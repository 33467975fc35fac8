// Deterministic demo traffic for the dashboard, the seed script and the benchmarks.

export { AGENTS as DEMO_AGENTS } from "./agents";
export { DEFAULT_DEMO_EVENTS, generateDemoBatches, generateDemoEvents, streamDemoEvents } from "./generator";
export type { DemoEvent, DemoOptions } from "./types";
