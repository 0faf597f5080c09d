// The JSON records are the public contract of `xxgk check` and `xxgk extract`; they live in
// @xxgk/formatters so that other outputs (the web app's export) give the same shapes.
export { checkJsonPieces, checkRecord, extractJsonPieces, extractRecord, formatCheckJson, formatExtractJson } from '@xxgk/formatters';
