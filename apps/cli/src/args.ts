import { parseArgs } from 'node:util';
import type { ReadLimits, SeveritySetting } from '@xxgk/core';

export type Command = 'check' | 'extract' | 'rules' | 'init-pack' | 'test-pack';
export type Format = 'stylish' | 'json' | 'ndjson' | 'sarif' | 'csv' | 'xlsx' | 'markdown';

export interface Options {
  command: Command;
  /** files and folders (check, extract), or the pack folder (init-pack, test-pack) */
  paths: string[];
  format: Format;
  /** limits given on the command line; the rest keep their defaults */
  limits: Partial<ReadLimits>;
  config?: string;
  /** write the output to this file instead of stdout */
  output?: string;
  /** workers (default: the machine's parallelism) */
  jobs?: number;
  /** time limit per file, in milliseconds */
  timeoutMs?: number;
  packs: string[];
  rules: Record<string, SeveritySetting>;
  /** check: compare reports with each other (last year's, roll-ups); off with --no-across */
  across: boolean;
  /** extract: keep the reports in this store; check: consult it */
  store?: string;
  /** check: a CSV of summary report, report it adds up */
  rollup?: string;
}

/** Command-line flags for the read limits: flag → [limit, multiplier to the limit's unit]. */
const LIMIT_FLAGS = {
  'max-file-size': ['maxFileBytes', 1024 * 1024],
  'max-pdf-pages': ['maxPdfPages', 1],
  'max-zip-entries': ['maxZipEntries', 1],
  'max-unzipped-size': ['maxUncompressedBytes', 1024 * 1024],
  'max-zip-ratio': ['maxCompressionRatio', 1],
} as const satisfies Record<string, readonly [keyof ReadLimits, number]>;

export type ParsedArgs = { kind: 'run'; options: Options } | { kind: 'help' } | { kind: 'version' };

/** A mistake in how the command was called: exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const USAGE = `用法：xxgk <命令> [文件或目录…] [选项]

命令：
  check <文件或目录…>     检查年度报告，列出每个问题（表、行、列和规则编号）
  extract <文件或目录…>   提取年度报告的元数据和各单元格数值
  rules                   列出生效的规则（编号、级别、来源规则包）
  init-pack <目录>        新建一个规则包（清单、示例规则、测试用例、说明）
  test-pack <目录>        运行规则包自带的测试用例

选项：
  -f, --format <格式>       输出格式：stylish（默认，供人阅读）、json、ndjson（每个文件一行，边处理边输出）、
                            sarif（代码扫描查看器）、csv、xlsx（问题表、单元格表和汇总，须配合 --output）；
                            rules 还可用 markdown（规则说明文档）
  -o, --output <文件>       输出写入文件而不是屏幕
  -j, --jobs <个数>         并行处理的进程数（默认为本机可用的处理器数）
      --timeout <秒>        单个文件的处理时限（默认 60；超时或出错的文件重试一次后记为 internal-error）
  -c, --config <文件>       配置文件（默认：当前目录的 xxgk.config.json）
  -p, --pack <名称或路径>   加载规则包（npm 包名或目录，可多次使用）
  -r, --rule <规则=级别>    设置规则级别：off、warning 或 error（可多次使用）
      --store <文件>        extract：把提取的报告存入该数据库文件（SQLite，按机关和年度）；
                            check：从中查找各机关上一年度的报告和汇总报告的下级报告
      --rollup <文件>       check：汇总关系表（CSV，每行：汇总报告,下级报告；文件名或机关名称），
                            核对汇总报告每个单元格是否等于下级报告之和
      --across, --no-across check：是否核对报告之间的关系（上年结转、现行有效件数、雷同、汇总）。
                            默认核对（同一批文件和 --store 中的报告），结果在全部处理完后输出；
                            ndjson 默认不核对，边处理边输出，内存不随文件数增长
      --max-file-size <MB>      单个文件大小上限（默认 50）
      --max-pdf-pages <页数>    PDF 读取页数上限（默认 200）
      --max-zip-entries <个数>  DOCX 压缩包条目数上限（默认 2000）
      --max-unzipped-size <MB>  DOCX 解压后大小上限（默认 200）
      --max-zip-ratio <倍数>    DOCX 解压/压缩比上限（默认 100）
  -h, --help                显示本帮助
  -v, --version             显示版本

退出码：0 没有错误；1 发现错误；2 用法错误。
示例：xxgk check examples
      xxgk check reports/ --pack @xxgk/rules-guangdong --rule cell-blank=off
      xxgk extract reports/ --format json > cells.json
      xxgk extract 2023/ --store 年报.sqlite && xxgk check 2024/ --store 年报.sqlite --rollup 汇总关系.csv`;

const FORMATS: readonly Format[] = ['stylish', 'json', 'ndjson', 'sarif', 'csv', 'xlsx', 'markdown'];
const COMMANDS: readonly Command[] = ['check', 'extract', 'rules', 'init-pack', 'test-pack'];
const SEVERITIES: readonly SeveritySetting[] = ['off', 'warning', 'error'];

export function parseCommandLine(argv: readonly string[]): ParsedArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      allowNegative: true,
      options: {
        format: { type: 'string', short: 'f' },
        config: { type: 'string', short: 'c' },
        pack: { type: 'string', short: 'p', multiple: true },
        rule: { type: 'string', short: 'r', multiple: true },
        output: { type: 'string', short: 'o' },
        jobs: { type: 'string', short: 'j' },
        timeout: { type: 'string' },
        store: { type: 'string' },
        rollup: { type: 'string' },
        across: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
        ...Object.fromEntries(Object.keys(LIMIT_FLAGS).map((flag) => [flag, { type: 'string' as const }])),
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  const [command, ...paths] = positionals;
  if (command === undefined) throw new UsageError(`缺少命令（${COMMANDS.join('、')}）`);
  if (!COMMANDS.includes(command as Command)) throw new UsageError(`未知的命令 “${command}”（可用：${COMMANDS.join('、')}）`);
  if (command !== 'rules' && paths.length === 0) {
    throw new UsageError(command.endsWith('-pack') ? `${command} 需要规则包的目录` : `${command} 需要至少一个文件或目录`);
  }
  const format = (values.format ?? (command === 'extract' ? 'json' : 'stylish')) as Format;
  if (!FORMATS.includes(format) || (format === 'markdown' && command !== 'rules')) {
    throw new UsageError(`未知的输出格式 “${values.format}”（可用：${FORMATS.join('、')}）`);
  }
  if (format === 'xlsx' && !values.output) throw new UsageError('xlsx 是二进制文件，请用 --output 指定保存的文件名，如 --output 检查结果.xlsx');

  const positive = (flag: string, value: string | undefined): number | undefined => {
    if (value === undefined) return undefined;
    const number = Number(value);
    if (!Number.isFinite(number) || number <= 0) throw new UsageError(`--${flag} 需要一个正数，而不是 “${value}”`);
    return number;
  };
  const limits: Partial<ReadLimits> = {};
  for (const [flag, [limit, unit]] of Object.entries(LIMIT_FLAGS)) {
    const value = positive(flag, (values as Record<string, unknown>)[flag] as string | undefined);
    if (value !== undefined) limits[limit] = value * unit;
  }
  const jobs = positive('jobs', values.jobs);
  const timeout = positive('timeout', values.timeout);

  if (values.rollup && command !== 'check') throw new UsageError('--rollup 只用于 check');
  if (values.store && command !== 'check' && command !== 'extract') throw new UsageError('--store 只用于 check 和 extract');
  if (values.across === false && (values.rollup || (values.store && command === 'check'))) {
    throw new UsageError('--no-across 不做报告之间的核对，不能与 --rollup 或 check --store 同用');
  }

  const rules: Record<string, SeveritySetting> = {};
  for (const setting of values.rule ?? []) {
    const [id, severity] = setting.split('=');
    if (!id || !SEVERITIES.includes(severity as SeveritySetting)) {
      throw new UsageError(`--rule 的格式应为 规则编号=级别（级别：${SEVERITIES.join('、')}），而不是 “${setting}”`);
    }
    rules[id] = severity as SeveritySetting;
  }

  return {
    kind: 'run',
    options: {
      command: command as Command,
      paths,
      format,
      limits,
      ...(values.config ? { config: values.config } : {}),
      ...(values.output ? { output: values.output } : {}),
      ...(jobs ? { jobs: Math.ceil(jobs) } : {}),
      ...(timeout ? { timeoutMs: timeout * 1000 } : {}),
      packs: values.pack ?? [],
      rules,
      // ndjson is for runs too large to hold: it streams unless asked to compare reports
      across: command === 'check' && (values.across ?? (format !== 'ndjson' || Boolean(values.store || values.rollup))),
      ...(values.store ? { store: values.store } : {}),
      ...(values.rollup ? { rollup: values.rollup } : {}),
    },
  };
}
