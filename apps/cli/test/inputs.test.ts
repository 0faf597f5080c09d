import { copyFileSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { byName, checkJson, examples, xxgk } from './helpers.js';

describe('bad input never stops a batch', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-inputs-'));
  writeFileSync(join(dir, 'a-empty.txt'), '');
  writeFileSync(join(dir, 'b-binary.txt'), Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe, 0x00, 0x13, 0x37]));
  writeFileSync(join(dir, 'c-letter.txt'), '各位同事：\n\n下周一上午九点在三楼会议室召开工作例会，请准时参加。\n\n办公室\n2024年3月1日\n');
  writeFileSync(join(dir, 'd-fake.txt'), '%PDF-1.7\n%âãÏÓ\n');
  copyFileSync(`${examples}/01-clean-2021-pipes.txt`, join(dir, 'e-good.txt'));
  const { code, files } = await checkJson(dir);

  it('gives each bad file one finding, and still checks the good one', () => {
    expect(files.map((file) => [file.file.split('/').pop(), file.findings.map((finding) => finding.ruleId)])).toEqual([
      ['a-empty.txt', ['file-unreadable']],
      ['b-binary.txt', ['file-unreadable']],
      ['c-letter.txt', ['not-a-report']],
      ['d-fake.txt', ['file-unreadable']],
      ['e-good.txt', []],
    ]);
    expect(code).toBe(1);
  });

  it('says in Chinese what is wrong with each', () => {
    expect(byName(files, 'a-empty.txt').findings[0]).toMatchObject({ severity: 'error', message: '文件为空，没有可读取的内容', section: null, cells: [] });
    expect(byName(files, 'b-binary.txt').findings[0]!.message).toMatch(/不是文本格式/);
    expect(byName(files, 'c-letter.txt').findings[0]!.message).toMatch(/可能不是年度报告/);
  });

  it('extract lists the unreadable file with empty cells and its finding', async () => {
    const run = await xxgk('extract', join(dir, 'a-empty.txt'), '--format', 'json');
    expect(JSON.parse(run.stdout)).toEqual([
      { file: join(dir, 'a-empty.txt'), template: null, meta: { agency: null, year: null, publishedAt: null }, cells: {}, sources: {}, sections: [], findings: [expect.objectContaining({ ruleId: 'file-unreadable' })] },
    ]);
    expect(run.code).toBe(1);
  });
});

describe('read limits', () => {
  it('refuses a file over --max-file-size without reading it, and checks the rest', async () => {
    const { files } = await checkJson(`${examples}/01-clean-2021-pipes.txt`, `${examples}/06-defect-outdated-2019-tabs.txt`, '--max-file-size', '0.005');
    expect(files.map((file) => file.findings.map((finding) => finding.ruleId))).toEqual([['file-unreadable'], ['template-outdated']]);
    expect(files[0]!.findings[0]!.message).toMatch(/^文件大小 0\.0 MB，超过上限 0\.0 MB/);
  });

  it('rejects a limit that is not a positive number', async () => {
    const run = await xxgk('check', examples, '--max-pdf-pages', 'many');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--max-pdf-pages 需要一个正数，而不是 “many”');
  });
});

describe('an output file that cannot be written', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-output-'));

  it.each([
    [join(dir, 'no-such-folder', 'out.json'), '所在的目录不存在'],
    [dir, '这是一个目录，请给出文件名'],
  ])('--output %s: says why before the batch, exit 2', async (output, reason) => {
    const run = await xxgk('check', examples, '--format', 'json', '--output', output);
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toBe(`xxgk：无法写入输出文件 ${output}：${reason}\n`);
  });

  // writing to /dev/full fails as on a full disk
  it.runIf(existsSync('/dev/full')).each(['json', 'ndjson', 'sarif', 'csv', 'stylish', 'xlsx'])('a disk that fills while writing %s: says so, exit 2', async (format) => {
    const run = await xxgk('check', examples, '--format', format, '--output', '/dev/full');
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toBe('xxgk：无法写入输出文件 /dev/full：磁盘空间不足\n');
  });
});

describe('usage errors exit 2', () => {
  it.each([
    [[], '缺少命令'],
    [['lint', 'examples'], '未知的命令 “lint”'],
    [['check'], 'check 需要至少一个文件或目录'],
    [['check', 'no/such/place'], '找不到文件或目录：no/such/place'],
    [['check', 'examples', '--format', 'xml'], '未知的输出格式 “xml”'],
    [['check', 'examples', '--colour'], 'Unknown option'],
  ])('xxgk %j', async (argv, message) => {
    const run = await xxgk(...argv);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain('用法：xxgk');
    expect(run.stdout).toBe('');
  });

  it('--help exits 0', async () => {
    expect(await xxgk('--help')).toMatchObject({ code: 0, stdout: expect.stringContaining('用法：xxgk') });
  });
});
