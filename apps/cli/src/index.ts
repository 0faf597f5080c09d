export { main, createRegistry, type Io } from './main.js';
export { parseCommandLine, UsageError, USAGE, type Options, type Command, type Format } from './args.js';
export { discoverFiles } from './discover.js';
export { formatCheckJson, formatExtractJson } from './formatters/json.js';
export { formatStylish, formatExtractStylish } from './formatters/stylish.js';
