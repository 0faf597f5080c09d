import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { check } from '../src/index.js';

const examples = fileURLToPath(new URL('../../../examples/', import.meta.url));

describe('narrative-mismatch on the bundled examples (text, web page, Word, PDF)', () => {
  it('finds nothing: the prose of every example agrees with its tables', async () => {
    const results = await check([examples]);
    expect(results).toHaveLength(11);
    for (const result of results) expect(result.findings.filter((finding) => finding.ruleId === 'narrative-mismatch'), result.name).toEqual([]);
  });
});
