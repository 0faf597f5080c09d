import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const formats = fileURLToPath(new URL('../../../fixtures/formats/', import.meta.url));

describe('the default adapters', () => {
  it('load no HTML or Word parser until a file of that format is read', () => {
    // in a process of its own, through the built packages, with a hook that reports every module loaded
    const dir = mkdtempSync(join(tmpdir(), 'xxgk-lazy-'));
    writeFileSync(
      join(dir, 'hooks.mjs'),
      // a ping is answered after every module reported before it (one port, in order)
      `let port;
export function initialize(data) { port = data.port; port.on('message', () => port.postMessage(null)); port.unref(); }
export async function load(url, context, next) { port.postMessage(url); return next(url, context); }`,
    );
    const script = `
      import { register } from 'node:module';
      import { MessageChannel } from 'node:worker_threads';
      const { port1, port2 } = new MessageChannel();
      const loaded = [];
      let answered = () => {};
      port1.on('message', (url) => (url === null ? answered() : loaded.push(url)));
      register(${JSON.stringify(new URL(`file://${join(dir, 'hooks.mjs')}`).href)}, { data: { port: port2 }, transferList: [port2] });
      // every module loaded so far reported
      const settled = () => new Promise((resolve) => { answered = resolve; port1.postMessage('ping'); });
      const parsers = () => ['parse5', 'saxes', 'fflate'].filter((name) => loaded.some((url) => url.includes('/node_modules/' + name + '/')));
      const { createChecker } = await import('@xxgk/node');
      const checker = await createChecker({ config: { packs: [], alwaysApply: [], rules: {}, suppressions: [], baseDir: process.cwd() } });
      const seen = [];
      for (const file of process.argv.slice(1)) {
        const result = await checker.checkFile(file);
        await settled();
        seen.push([result.report?.format ?? null, parsers()]);
      }
      port1.close();
      console.log(JSON.stringify(seen));`;
    const files = ['sources/seed-000.txt', 'seed-000.pdf', 'seed-000.html', 'seed-000.docx'].map((name) => join(formats, name));
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', script, ...files], { encoding: 'utf8', cwd: fileURLToPath(new URL('..', import.meta.url)) });
    expect(JSON.parse(output)).toEqual([
      ['text', []],
      ['pdf', []],
      ['html', ['parse5']],
      ['docx', ['parse5', 'saxes', 'fflate']],
    ]);
  });
});
