export { main, type Io } from './main.js';
export { parseCommandLine, UsageError, USAGE, type Options, type Command, type Format } from './args.js';
export { formatCheckJson, formatExtractJson } from './formatters/json.js';
export { formatStylish, formatExtractStylish } from './formatters/stylish.js';
export { formatRules, formatPackTests } from './formatters/packs.js';
