import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const seed004 = fileURLToPath(new URL('../../../../shared/seeds/004_7951624ebb58a0d9.txt', import.meta.url));
/** Every package we publish: the workspaces that are not private. */
const published = ['packages', 'apps'].flatMap((folder) =>
  readdirSync(join(root, folder))
    .map((name) => JSON.parse(readFileSync(join(root, folder, name, 'package.json'), 'utf8')) as { name: string; private?: boolean })
    .filter((manifest) => !manifest.private)
    .map((manifest) => manifest.name),
);

const npm = (args: string[], cwd: string) => execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, encoding: 'utf8' });

let project: string;

describe('the published packages, installed from their tarballs into an empty project', () => {
  beforeAll(() => {
    const tarballs = mkdtempSync(join(tmpdir(), 'xxgk-tarballs-'));
    for (const name of published) npm(['pack', '-w', name, '--pack-destination', tarballs], root);
    project = mkdtempSync(join(tmpdir(), 'xxgk-consumer-'));
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    npm(['install', ...readdirSync(tarballs).map((file) => join(tarballs, file))], project);
  }, 300_000);

  it('packs every published package, each listed here so turbo builds it first', () => {
    const listed = Object.keys((JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies);
    expect(published.sort()).toEqual(listed.sort());
  });

  it('checks a report through the public API, with the Guangdong pack loaded by name', () => {
    writeFileSync(
      join(project, 'check.mjs'),
      `import { check } from '@xxgk/node';
const [result] = await check([process.argv[2]], { packs: ['@xxgk/rules-guangdong'] });
console.log(JSON.stringify({ cells: result.report.cells, rules: result.findings.map((f) => f.ruleId) }));`,
    );
    const output = JSON.parse(execFileSync('node', ['check.mjs', seed004], { cwd: project, encoding: 'utf8' })) as { cells: Record<string, number | null>; rules: string[] };
    expect(output.cells['active.procurement.amount']).toBe(6000);
    expect(new Set(output.rules)).toEqual(new Set(['template-outdated', 'cell-blank', 'fee-statement-missing']));
  });

  it('checks a report through the xxgk binary, with the Guangdong pack loaded by name', () => {
    let stdout = '';
    try {
      execFileSync(join(project, 'node_modules/.bin/xxgk'), ['check', seed004, '--pack', '@xxgk/rules-guangdong', '--format', 'json'], { cwd: project, encoding: 'utf8' });
    } catch (error) {
      // exit code 1: the seed has errors
      expect((error as { status: number }).status).toBe(1);
      stdout = (error as { stdout: string }).stdout;
    }
    const [result] = JSON.parse(stdout) as { template: string; findings: { ruleId: string }[] }[];
    expect(result!.template).toBe('2019');
    expect(result!.findings.some((finding) => finding.ruleId === 'template-outdated')).toBe(true);
    expect(result!.findings.some((finding) => finding.ruleId.startsWith('procurement'))).toBe(false);
  });

  it('lists the Guangdong rules with `xxgk rules`', () => {
    const rules = JSON.parse(execFileSync(join(project, 'node_modules/.bin/xxgk'), ['rules', '--pack', '@xxgk/rules-guangdong', '--format', 'json'], { cwd: project, encoding: 'utf8' })) as { id: string }[];
    expect(rules.map((rule) => rule.id)).toContain('procurement-row-missing');
  });
});
