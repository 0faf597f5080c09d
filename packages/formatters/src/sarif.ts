import { NATIONAL_VOCABULARY, type ActiveRule, type Finding, type RelatedPlace, type Vocabulary } from '@xxgk/core';
import type * as Sarif from 'sarif';
import { fnv1a64 } from './fingerprint.js';
import { INPUT_RULES } from './input-rules.js';
import { StreamedArray, jsonPieces } from './json.js';
import type { FileResult } from './tables.js';

/**
 * A SARIF 2.1.0 log, to be written with `JSON.stringify`. Its full shape is SARIF's
 * (`Log` of `@types/sarif`, which this package does not make its users install).
 */
export interface SarifLog {
  version: '2.1.0';
  $schema: string;
  runs: object[];
}

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** The key of the fingerprint in `partialFingerprints`. */
export const FINGERPRINT_KEY = 'xxgkFinding/v1';

export interface SarifOptions {
  /** the active rules, `engine.rules()`: each becomes a `reportingDescriptor` */
  rules: readonly ActiveRule[];
  /** the xxgk version that produced the log */
  toolVersion: string;
  /** where the tool is described (`tool.driver.informationUri`) */
  informationUri?: string;
  /** the cell keys in force (`engine.vocabulary`), for the labels of rows a pack adds */
  vocabulary?: Vocabulary;
}

/**
 * The URI of a file name: slashes for backslashes, every path segment percent-encoded
 * (UTF-8, so 报告.txt is `%E6%8A%A5%E5%91%8A.txt`). A relative name stays relative; an
 * absolute one becomes a `file:` URI.
 */
export function fileUri(name: string): string {
  const path = name.replaceAll('\\', '/');
  const encode = (segments: string) => segments.split('/').map(encodeURIComponent).join('/');
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) return encodeURI(path);
  const drive = /^([A-Za-z]:)\/(.*)$/.exec(path);
  if (drive) return `file:///${drive[1]}/${encode(drive[2] ?? '')}`;
  if (path.startsWith('/')) return `file://${encode(path)}`;
  return encode(path.replace(/^(?:\.\/)+/, ''));
}

function level(severity: Finding['severity']): Sarif.ReportingConfiguration.level {
  return severity === 'error' ? 'error' : 'warning';
}

function ruleDescriptor(rule: ActiveRule): Sarif.ReportingDescriptor {
  const basis = `${rule.basis.document} ${rule.basis.article}`;
  return {
    id: rule.id,
    shortDescription: { text: rule.description },
    fullDescription: { text: rule.message },
    defaultConfiguration: { level: level(rule.severity) },
    help: { text: `依据：${basis}`, markdown: `依据：**${rule.basis.document}** ${rule.basis.article}` },
    properties: { pack: rule.pack, basis: rule.basis },
  };
}

function inputDescriptor(rule: (typeof INPUT_RULES)[number]): Sarif.ReportingDescriptor {
  return {
    id: rule.id,
    shortDescription: { text: rule.description },
    fullDescription: { text: rule.description },
    defaultConfiguration: { level: level(rule.severity) },
    help: { text: rule.help },
    properties: { pack: 'xxgk' },
  };
}

/** The logical location of a cell key: 表三/（七）总计/总计. */
function cellLocation(key: string, vocabulary: Vocabulary): Sarif.LogicalLocation {
  const info = vocabulary.info(key);
  const fullyQualifiedName = info ? [info.tableName, info.rowLabel, info.columnLabel].join('/') : key;
  return { name: key, fullyQualifiedName, kind: 'member' };
}

/** A related place in words: which report, which line, what it says or holds. */
function relatedText(place: RelatedPlace): string {
  const parts = [place.report ?? '本报告', place.line !== undefined ? `第 ${place.line} 行` : '', place.text ?? '', place.value !== undefined ? `数值 ${place.value ?? '空'}` : ''];
  return parts.filter((part) => part !== '').join('，');
}

/**
 * One SARIF 2.1.0 log of a check: one run of the tool `xxgk` whose driver lists every
 * active rule and the findings from outside packs (`file-unreadable`, `not-a-report`,
 * `pdf-no-text`, `internal-error`, `rollup-child-missing`), every file once as an artifact,
 * and one result per finding, with `relatedLocations` for the places it compares.
 */
export function formatSarif(results: readonly FileResult[], options: SarifOptions): SarifLog {
  return sarifLog(results, options, (each) => [...each()]);
}

/**
 * formatSarif's log as JSON (`JSON.stringify(log, null, 2)`'s text) a piece at a time, its
 * results made as they are written: a national crop's log does not fit in memory at once.
 */
export function sarifPieces(results: readonly FileResult[], options: SarifOptions): Generator<string> {
  return jsonPieces(sarifLog(results, options, (each) => new StreamedArray(each) as unknown as Sarif.Result[]));
}

function sarifLog(results: readonly FileResult[], options: SarifOptions, resultList: (each: () => Generator<Sarif.Result>) => Sarif.Result[]): SarifLog {
  const vocabulary = options.vocabulary ?? NATIONAL_VOCABULARY;
  const descriptors: Sarif.ReportingDescriptor[] = [];
  const ruleIndex = new Map<string, number>();
  const addRule = (descriptor: Sarif.ReportingDescriptor) => {
    if (ruleIndex.has(descriptor.id)) return;
    ruleIndex.set(descriptor.id, descriptors.length);
    descriptors.push(descriptor);
  };
  for (const rule of options.rules) addRule(ruleDescriptor(rule));
  for (const rule of INPUT_RULES) addRule(inputDescriptor(rule));

  // the rules and artifacts first (the log lists them before the results)
  const artifacts: Sarif.Artifact[] = [];
  const artifactIndex = new Map<string, number>();
  for (const result of results) {
    const uri = fileUri(result.name);
    if (!artifactIndex.has(uri)) {
      artifactIndex.set(uri, artifacts.length);
      const report = result.report;
      artifacts.push({
        location: { uri },
        roles: ['analysisTarget'],
        ...(report
          ? { properties: { template: report.template, agency: report.meta.agency, year: report.meta.year, publishedAt: report.meta.publishedAt } }
          : {}),
      });
    }
    // a rule the options did not list (a finding of another source): described by its id
    for (const finding of result.findings) addRule({ id: finding.ruleId, shortDescription: { text: finding.ruleId }, defaultConfiguration: { level: level(finding.severity) } });
  }

  function* sarifResults(): Generator<Sarif.Result> {
    for (const result of results) {
      const uri = fileUri(result.name);
      const index = artifactIndex.get(uri)!;
      const seen = new Map<string, number>();
      for (const finding of result.findings) {
        const identity = [uri, finding.ruleId, finding.cells.length > 0 ? finding.cells.join(' ') : `section:${finding.section ?? ''}`].join('\n');
        const occurrence = (seen.get(identity) ?? 0) + 1;
        seen.set(identity, occurrence);
        yield {
          ruleId: finding.ruleId,
          ruleIndex: ruleIndex.get(finding.ruleId),
          level: level(finding.severity),
          message: { text: finding.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri, index },
                ...(finding.line !== undefined ? { region: { startLine: finding.line } } : {}),
              },
              ...(finding.cells.length > 0 ? { logicalLocations: finding.cells.map((key) => cellLocation(key, vocabulary)) } : {}),
            },
          ],
          ...(finding.related && finding.related.length > 0
            ? {
                // the other places compared: a line of this report, or another report (named in the text)
                relatedLocations: finding.related.map((place, id) => ({
                  id,
                  ...(place.report === undefined && place.line !== undefined
                    ? { physicalLocation: { artifactLocation: { uri, index }, region: { startLine: place.line } } }
                    : {}),
                  ...(place.cells && place.cells.length > 0 ? { logicalLocations: place.cells.map((key) => cellLocation(key, vocabulary)) } : {}),
                  message: { text: relatedText(place) },
                })),
              }
            : {}),
          partialFingerprints: { [FINGERPRINT_KEY]: `${fnv1a64(identity)}:${occurrence}` },
          properties: {
            cells: finding.cells,
            section: finding.section,
            ...(finding.expected !== undefined ? { expected: finding.expected } : {}),
            ...(finding.actual !== undefined ? { actual: finding.actual } : {}),
          },
        };
      }
    }
  }

  const semver = /^\d+\.\d+\.\d+(?:[-+].*)?$/.test(options.toolVersion);
  const log: Sarif.Log = {
    version: '2.1.0',
    $schema: SARIF_SCHEMA,
    runs: [
      {
        tool: {
          driver: {
            name: 'xxgk',
            fullName: 'xxgk 政府信息公开工作年度报告检查',
            ...(options.informationUri ? { informationUri: options.informationUri } : {}),
            version: options.toolVersion,
            ...(semver ? { semanticVersion: options.toolVersion } : {}),
            rules: descriptors,
          },
        },
        language: 'zh-CN',
        artifacts,
        results: resultList(sarifResults),
      },
    ],
  };
  return log as SarifLog;
}
