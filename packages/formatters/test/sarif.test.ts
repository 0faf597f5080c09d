import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { RuleEngine, type CheckResult } from '@xxgk/core';
import { nationalPack } from '@xxgk/rules-national';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import type * as Sarif from 'sarif';
import { beforeAll, describe, expect, it } from 'vitest';
import { FINGERPRINT_KEY, INPUT_RULES, fileUri, formatSarif } from '../src/index.js';
import { CJK_NAME, EMPTY_NAME, EXAMPLE_04, EXAMPLE_05, NOT_A_REPORT_NAME, checkedExamples, engine, resultOf } from './helpers.js';

const require = createRequire(import.meta.url);

/** The SARIF 2.1.0 schema (draft-04 style: `id`), compiled with Ajv's draft-07 support. */
function sarifValidator() {
  const path = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
  const { $schema: _draft04, id, ...schema } = JSON.parse(readFileSync(path, 'utf8')) as { $schema: string; id: string } & Record<string, unknown>;
  // unicodeRegExp off: the schema's `language` pattern (`…{2}]?$`) is no valid `u` regular expression
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile({ ...schema, $id: id });
}

const validate = sarifValidator();

function sarif(results: readonly CheckResult[]): Sarif.Log {
  // the log as a file would hold it
  return JSON.parse(JSON.stringify(formatSarif(results, { rules: engine.rules(), toolVersion: '0.1.0' }))) as Sarif.Log;
}

function run(log: Sarif.Log): Sarif.Run {
  const first = log.runs[0];
  if (!first) throw new Error('no run');
  return first;
}

function resultsFor(log: Sarif.Log, name: string): Sarif.Result[] {
  return (run(log).results ?? []).filter((result) => result.locations?.[0]?.physicalLocation?.artifactLocation?.uri === fileUri(name));
}

describe('formatSarif', () => {
  let results: CheckResult[];
  let log: Sarif.Log;
  beforeAll(async () => {
    results = await checkedExamples();
    log = sarif(results);
  });

  it('is valid SARIF 2.1.0', () => {
    const valid = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-2\.1\.0/);
    expect(log.runs).toHaveLength(1);
  });

  it('the schema check does reject what is not SARIF', () => {
    const broken = structuredClone(log);
    const first = run(broken).results?.[0];
    if (!first) throw new Error('no result');
    first.level = 'fatal' as never;
    expect(validate(broken)).toBe(false);
    // an unencoded Chinese path is not a URI reference
    const raw = structuredClone(log);
    const artifact = run(raw).artifacts?.[0];
    if (!artifact?.location) throw new Error('no artifact');
    artifact.location.uri = CJK_NAME;
    expect(validate(raw)).toBe(false);
  });

  it('lists every active rule and the input findings as driver rules', () => {
    const driver = run(log).tool.driver;
    expect(driver.name).toBe('xxgk');
    expect(driver.version).toBe('0.1.0');
    const ids = (driver.rules ?? []).map((rule) => rule.id);
    expect(ids).toEqual([...engine.rules().map((rule) => rule.id), 'file-unreadable', 'not-a-report', 'pdf-no-text', 'internal-error', 'rollup-child-missing']);
    expect(ids).toHaveLength(nationalPack.rules.length + INPUT_RULES.length);

    const reviewTotal = driver.rules?.find((rule) => rule.id === 'review-total');
    expect(reviewTotal?.shortDescription?.text).toBe('表四 各组“总计”应等于结果维持、结果纠正、其他结果、尚未审结之和');
    expect(reviewTotal?.fullDescription?.text).toBe(nationalPack.rules.find((rule) => rule.id === 'review-total')?.message);
    expect(reviewTotal?.defaultConfiguration?.level).toBe('error');
    expect(reviewTotal?.help?.text).toContain('国办公开办函〔2021〕30号');
    expect(reviewTotal?.help?.text).toContain('表四');
    expect(reviewTotal?.properties?.['pack']).toBe(nationalPack.id);
    expect(driver.rules?.find((rule) => rule.id === 'cell-blank')?.defaultConfiguration?.level).toBe('warning');
  });

  it('gives the severities the engine was configured with', () => {
    const configured = new RuleEngine([nationalPack], { severities: { 'review-total': 'warning', 'cell-blank': 'off' } });
    const quiet = formatSarif([], { rules: configured.rules(), toolVersion: '0.1.0' }) as Sarif.Log;
    expect(run(quiet).tool.driver.rules?.some((rule) => rule.id === 'cell-blank')).toBe(false);
    expect(run(quiet).tool.driver.rules?.find((rule) => rule.id === 'review-total')?.defaultConfiguration?.level).toBe('warning');
  });

  it('reports the sums of example 04 with rule, level, message, line and cells', () => {
    const found = resultsFor(log, EXAMPLE_04);
    expect(found.map((result) => result.ruleId)).toEqual(['requests-row-total', 'requests-outcome-total', 'requests-balance', 'review-total']);
    const [rowTotal] = found;
    expect(rowTotal?.level).toBe('error');
    expect(rowTotal?.message.text).toBe('表三 “（七）总计”行 “总计”列：报告 19，按六类申请人之和应为 20');
    const location = rowTotal?.locations?.[0];
    expect(location?.physicalLocation?.artifactLocation?.uri).toBe('examples/04-defect-sums-2021-pipes.txt');
    expect(location?.physicalLocation?.region?.startLine).toBe(52);
    expect(location?.logicalLocations?.[0]).toEqual({ name: 'requests.total.total', fullyQualifiedName: '表三/（七）总计/总计', kind: 'member' });
    expect(location?.logicalLocations?.map((item) => item.name)).toEqual(resultOf(results, EXAMPLE_04).findings[0]?.cells);
    expect(location?.logicalLocations?.[1]?.fullyQualifiedName).toBe('表三/（七）总计/自然人');
    // ruleIndex points at the rule
    const rules = run(log).tool.driver.rules ?? [];
    for (const result of run(log).results ?? []) expect(rules[result.ruleIndex ?? -1]?.id).toBe(result.ruleId);
    const review = found[3];
    expect(review?.locations?.[0]?.logicalLocations?.[0]).toEqual({ name: 'review.reconsideration.total', fullyQualifiedName: '表四/行政复议/总计', kind: 'member' });
    expect(review?.locations?.[0]?.physicalLocation?.region?.startLine).toBe(58);
  });

  it('gives warnings as warnings, and no region to a finding without a line', () => {
    const found = resultsFor(log, EXAMPLE_05);
    const blank = found.find((result) => result.ruleId === 'cell-blank');
    expect(blank?.level).toBe('warning');
    expect(blank?.locations?.[0]?.physicalLocation?.region?.startLine).toBe(74);
    const section = found.find((result) => result.ruleId === 'section-missing');
    expect(section?.level).toBe('error');
    expect(section?.message.text).toBe('缺少第五部分“存在的主要问题及改进情况”');
    expect(section?.locations?.[0]?.physicalLocation?.region).toBeUndefined();
    expect(section?.locations?.[0]?.logicalLocations).toBeUndefined();
  });

  it('reports unreadable input under the input rules', () => {
    const [empty] = resultsFor(log, EMPTY_NAME);
    expect(empty?.ruleId).toBe('file-unreadable');
    expect(run(log).tool.driver.rules?.[empty?.ruleIndex ?? -1]?.id).toBe('file-unreadable');
    expect(resultsFor(log, NOT_A_REPORT_NAME).map((result) => result.ruleId)).toEqual(['not-a-report']);
  });

  it('lists every file once as an artifact, Chinese names percent-encoded', () => {
    const artifacts = run(log).artifacts ?? [];
    expect(artifacts.map((artifact) => decodeURIComponent(artifact.location?.uri ?? ''))).toEqual(results.map((result) => result.name));
    const twice = sarif([...results, resultOf(results, EXAMPLE_04)]);
    expect(run(twice).artifacts).toHaveLength(results.length);
    const uri = '%E6%8A%A5%E5%91%8A/%E6%A1%90%E5%B7%9D%E5%8E%BF%202023%E5%B9%B4%E6%8A%A5%231.txt';
    expect(artifacts.find((artifact) => artifact.location?.uri === uri)).toBeDefined();
    // results point at their artifact
    for (const result of run(log).results ?? []) {
      const location = result.locations?.[0]?.physicalLocation?.artifactLocation;
      expect(artifacts[location?.index ?? -1]?.location?.uri).toBe(location?.uri);
    }
    expect(artifacts[3]?.properties).toMatchObject({ template: '2021', agency: '鹤汀市住房和城乡建设局', year: 2023 });
  });

  it('fingerprints a finding by file, rule and cells: stable, unique, blind to the numbers', () => {
    const prints = (run(log).results ?? []).map((result) => result.partialFingerprints?.[FINGERPRINT_KEY]);
    expect(prints.every((print) => typeof print === 'string' && /^[0-9a-f]{16}:\d+$/.test(print))).toBe(true);
    expect(new Set(prints).size).toBe(prints.length);
    expect((run(sarif(results)).results ?? []).map((result) => result.partialFingerprints?.[FINGERPRINT_KEY])).toEqual(prints);

    const original = resultOf(results, EXAMPLE_04);
    const edited: CheckResult = {
      ...original,
      findings: original.findings.map((finding) => ({ ...finding, actual: 18, message: finding.message.replace('19', '18'), line: 60 })),
    };
    const again = (run(sarif([edited])).results ?? []).map((result) => result.partialFingerprints?.[FINGERPRINT_KEY]);
    expect(again).toEqual(resultsFor(log, EXAMPLE_04).map((result) => result.partialFingerprints?.[FINGERPRINT_KEY]));

    const moved = (run(sarif([{ ...original, name: 'other/04.txt' }])).results ?? []).map((result) => result.partialFingerprints?.[FINGERPRINT_KEY]);
    expect(moved[0]).not.toBe(again[0]);
    const otherCells = (run(sarif([{ ...original, findings: original.findings.map((finding) => ({ ...finding, cells: finding.cells.slice(1) })) }])).results ?? []).map(
      (result) => result.partialFingerprints?.[FINGERPRINT_KEY],
    );
    expect(otherCells[0]).not.toBe(again[0]);
  });

  it('describes a finding of a rule it was not given by its id', () => {
    const odd: CheckResult = { name: 'a.txt', report: null, template: null, findings: [{ ruleId: 'local-rule', severity: 'warning', message: '本地规则', cells: [], section: null }] };
    const only = JSON.parse(JSON.stringify(formatSarif([odd], { rules: [], toolVersion: '1.2.3', informationUri: 'https://example.org/xxgk' }))) as Sarif.Log;
    expect(validate(only)).toBe(true);
    const driver = run(only).tool.driver;
    expect(driver.informationUri).toBe('https://example.org/xxgk');
    expect(driver.rules?.map((rule) => rule.id)).toEqual([...INPUT_RULES.map((rule) => rule.id), 'local-rule']);
    expect(run(only).results?.[0]).toMatchObject({ ruleId: 'local-rule', ruleIndex: 5, level: 'warning' });
  });
});

describe('fileUri', () => {
  it('encodes each path segment and keeps a relative path relative', () => {
    expect(fileUri('examples/04-defect-sums-2021-pipes.txt')).toBe('examples/04-defect-sums-2021-pipes.txt');
    expect(fileUri('./报告.txt')).toBe('%E6%8A%A5%E5%91%8A.txt');
    expect(fileUri('reports\\2023\\a b.txt')).toBe('reports/2023/a%20b.txt');
  });

  it('makes a file URI of an absolute path', () => {
    expect(fileUri('/srv/报告.txt')).toBe('file:///srv/%E6%8A%A5%E5%91%8A.txt');
    expect(fileUri('C:\\报告\\a.txt')).toBe('file:///C:/%E6%8A%A5%E5%91%8A/a.txt');
  });
});

describe('formatSarif: related places', () => {
  it('gives a finding comparing places their relatedLocations, valid SARIF', () => {
    const result: CheckResult = {
      name: 'reports/2023.txt',
      report: null,
      template: '2021',
      findings: [
        {
          ruleId: 'carryover-mismatch',
          severity: 'warning',
          message: '上年结转与上年报告不一致',
          cells: ['requests.carriedOver.total'],
          section: 3,
          line: 30,
          related: [
            { report: 'reports/2022.txt', cells: ['requests.carriedForward.total'], line: 52, value: 4 },
            { line: 6, text: '上年结转3件' },
          ],
        },
      ],
    };
    const log = sarif([result]);
    expect(validate(log)).toBe(true);
    const [located] = run(log).results ?? [];
    expect(located?.relatedLocations).toEqual([
      {
        id: 0,
        logicalLocations: [expect.objectContaining({ name: 'requests.carriedForward.total' })],
        message: { text: 'reports/2022.txt，第 52 行，数值 4' },
      },
      {
        id: 1,
        physicalLocation: { artifactLocation: { uri: fileUri('reports/2023.txt'), index: 0 }, region: { startLine: 6 } },
        message: { text: '本报告，第 6 行，上年结转3件' },
      },
    ]);
    expect(run(log).tool.driver.rules?.find((rule) => rule.id === 'rollup-child-missing')?.defaultConfiguration?.level).toBe('warning');
  });
});
