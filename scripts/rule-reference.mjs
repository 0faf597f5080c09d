// Writes docs/rules/<pack>.md, the rule reference of every pack we ship.
// Run after changing a rule: `npm run docs:rules` (a test checks the pages are current).
import { writeFile, mkdir } from 'node:fs/promises';
import { loadPacks, ruleReference } from '@xxgk/node';

const root = new URL('../', import.meta.url);
const packs = await loadPacks(['@xxgk/rules-guangdong'], process.cwd());
await mkdir(new URL('docs/rules/', root), { recursive: true });
for (const pack of packs) {
  const file = new URL(`docs/rules/${pack.id.replace(/^@xxgk\//, '')}.md`, root);
  await writeFile(file, ruleReference(pack));
  console.log(`wrote ${file.pathname}`);
}
