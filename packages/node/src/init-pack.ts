import { existsSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { MANIFEST } from './packs.js';

export interface InitPackResult {
  dir: string;
  name: string;
  /** the files written, relative to the pack folder */
  files: string[];
}

/** Thrown when the folder already holds files: init-pack never overwrites. */
export class PackExistsError extends Error {
  override readonly name = 'PackExistsError';
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/**
 * Scaffolds a rule pack: package.json ready to publish, the manifest, one example rule,
 * its test cases and a README. Everything is JSON a clerk can edit.
 */
export async function initPack(dir: string, cwd = process.cwd()): Promise<InitPackResult> {
  const root = resolve(cwd, dir);
  if (existsSync(root) && (await readdir(root)).length > 0) throw new PackExistsError(`目录 ${root} 不是空的，未覆盖其中的文件`);
  const slug = basename(root).toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'pack';
  const name = slug.startsWith('xxgk-rules-') ? slug : `xxgk-rules-${slug}`;
  const files: Record<string, string> = {
    'package.json': json({
      name,
      version: '0.1.0',
      description: '（请填写）本规则包检查的内容',
      license: 'MIT',
      keywords: ['xxgk', 'xxgk-pack', '政府信息公开', '年度报告'],
      files: [MANIFEST, 'rules', 'cases', 'README.md'],
      exports: { './xxgk-pack.json': `./${MANIFEST}`, './package.json': './package.json' },
      peerDependencies: { '@xxgk/rules-national': '>=0.1.0' },
      scripts: { test: 'xxgk test-pack .' },
    }),
    [MANIFEST]: json({
      id: name,
      description: '（请填写）本规则包检查的内容',
      extends: '@xxgk/rules-national',
      rules: ['rules/licensing-decisions-zero.json'],
    }),
    'rules/licensing-decisions-zero.json': json({
      id: 'licensing-decisions-zero',
      severity: 'warning',
      description: '行政许可处理决定数量为 0 时提醒核实',
      message: '{location}：报告为 0，请核实本年度是否确无行政许可处理决定',
      basis: { document: '（请填写依据的文件）', article: '（请填写条款）' },
      section: 2,
      conditions: {
        all: [
          {
            fact: 'cellComparisons',
            params: { checks: [{ if: [['active.licensing.decisions', '=', 0]], because: '行政许可处理决定数量为 0' }] },
            operator: 'hasViolations',
            value: true,
          },
        ],
      },
    }),
    'cases/licensing-decisions-zero.json': json({
      valid: [{ name: '有行政许可处理决定', report: { cells: { 'active.licensing.decisions': 12 } } }],
      invalid: [
        {
          name: '行政许可处理决定数量为 0',
          report: { cells: { 'active.licensing.decisions': 0 } },
          findings: [{ cells: ['active.licensing.decisions'] }],
        },
      ],
    }),
    'README.md': `# ${name}

xxgk 规则包。规则是数据（JSON），不含代码。

- \`${MANIFEST}\`：规则包清单（编号、适用范围 appliesTo、扩展的规则包 extends、新增表格行 extraRows、规则文件列表）。
- \`rules/\`：每条规则一个 JSON 文件（编号、级别、说明、提示信息、依据、条件）。
- \`cases/\`：每条规则的测试用例：\`valid\` 中的报告不应报出问题，\`invalid\` 中的报告应当报出。

## 使用

    npx xxgk test-pack .                 # 运行测试用例
    npx xxgk check 报告目录 --pack .      # 用本规则包检查报告
    npm publish                          # 发布到 npm 后，他人可用 --pack ${name}
`,
  };
  for (const [file, content] of Object.entries(files)) {
    await mkdir(join(root, file, '..'), { recursive: true });
    await writeFile(join(root, file), content);
  }
  return { dir: root, name, files: Object.keys(files) };
}
