export { check, extract, createChecker, type Checker, type CheckerOptions, type BatchOptions } from './checker.js';
export { loadConfig, globToRegExp, ConfigSchema, ConfigError, CONFIG_FILE, type Config } from './config.js';
export { loadPacks, readPackDir, resolvePackDir, MANIFEST } from './packs.js';
export { discoverFiles, InputPathError } from './discover.js';
export { DEFAULT_ADAPTERS } from './adapters.js';
export { initPack, PackExistsError, type InitPackResult } from './init-pack.js';
export { testPack, RuleCasesSchema, type PackTestResult, type RuleCases } from './pack-tests.js';
export { ruleReference } from './reference.js';
export { runBatch, loadAdapters, type BatchRunOptions, type WorkerSetup } from './batch.js';
