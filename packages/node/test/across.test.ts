import { fileURLToPath } from 'node:url';
import type { CheckResult, RuleEngine } from '@xxgk/core';
import { describe, expect, it } from 'vitest';
// the built package: its workers run dist/worker.js
import { checkAcross, createChecker, rereadWhole, runBatch } from '@xxgk/node';

const examples = fileURLToPath(new URL('../../../examples/', import.meta.url));
// 04 is 鹤汀市住房和城乡建设局's 2023 report, 11 its 2022 one (a carry-over that differs); 01 another agency's
const files = ['04-defect-sums-2021-pipes.txt', '01-clean-2021-pipes.txt', '11-lastyear-2022-pipes.txt'].map((name) => `${examples}${name}`);

async function batch(reports: 'whole' | 'lean'): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  await runBatch(files, { jobs: 1, reports, onResult: (result, index) => (results[index] = result) });
  return results;
}

describe('checkAcross on a batch kept lean', () => {
  it('reads again only the reports it compares, and finds what it finds on whole reports', async () => {
    const { engine }: { engine: RuleEngine } = await createChecker();
    const whole = await batch('whole');
    await checkAcross(whole, engine);
    const carryover = whole[0]!.findings.filter((finding) => finding.ruleId === 'carryover-mismatch');
    expect(carryover.length).toBeGreaterThan(0);
    // the line of last year's cell comes from its sources, which a lean report lacks
    expect(carryover[0]!.related?.[0]?.line).toEqual(expect.any(Number));

    const lean = await batch('lean');
    expect(lean[0]!.report!.paragraphs).toEqual([]);
    const asked: string[][] = [];
    const reread = rereadWhole({ jobs: 1 });
    await checkAcross(lean, engine, {
      reread: (names) => {
        asked.push([...names]);
        return reread(names);
      },
    });
    expect(asked).toEqual([[files[0], files[2]]]);
    expect(lean.map((result) => result.findings)).toStrictEqual(whole.map((result) => result.findings));
  }, 120_000);

  it('rereadWhole rejects with the signal’s reason once aborted, not giving files it did not read as unreadable', async () => {
    const abort = new AbortController();
    abort.abort();
    await expect(rereadWhole({ jobs: 1, signal: abort.signal })(files)).rejects.toBe(abort.signal.reason);
    expect(await rereadWhole({ jobs: 1 })([files[1]!])).toEqual([expect.objectContaining({ template: '2021' })]);
  }, 120_000);
});
