import { createPdfAdapter } from '@xxgk/adapter-pdf';
import { docxAdapter } from '@xxgk/adapter-docx/adapter';
import { htmlAdapter } from '@xxgk/adapter-html/adapter';
import { textAdapter } from '@xxgk/adapter-text';
import { AdapterRegistry, RuleEngine, checkReport, type CheckResult, type Rule, type RulePack, type Severity } from '@xxgk/core';
import { guangdongPack } from '@xxgk/rules-guangdong';
import { nationalPack } from '@xxgk/rules-national';
// pdfjs parses in a web worker; the worker file is one of the site's own assets
import pdfWorkerUrl from 'pdfjs-dist/legacy/build/pdf.worker.mjs?url';
import { ROLLUP_EXTENSION } from './rollup.js';
import type { Settings } from './settings.js';

/** A URL of one of the site's files, absolute (the site may live in any folder). */
function siteUrl(path: string): string {
  return new URL(path, document.baseURI).href;
}

/**
 * The format adapters, chosen by content first, then by extension — as `xxgk check` does.
 * PDF: pdfjs-dist's browser build, with its worker, CMaps and standard fonts served by the
 * site itself (`pdfjs/` beside index.html), so nothing is fetched from elsewhere.
 */
export const registry = new AdapterRegistry([
  createPdfAdapter({
    workerSrc: siteUrl(pdfWorkerUrl),
    cMapUrl: siteUrl('pdfjs/cmaps/'),
    standardFontDataUrl: siteUrl('pdfjs/standard_fonts/'),
  }),
  docxAdapter,
  htmlAdapter,
  textAdapter,
]);

/** The packs the page offers: the national pack always runs. */
export const PACKS = { national: nationalPack, guangdong: guangdongPack } as const;

/** The packs the settings choose, in the order they run. */
export function chosenPacks(settings: Settings): RulePack[] {
  return settings.guangdong ? [nationalPack, guangdongPack] : [nationalPack];
}

export function createEngine(settings: Settings): RuleEngine {
  return new RuleEngine(chosenPacks(settings), {
    severities: settings.severities,
    alwaysApply: settings.guangdong && settings.guangdongEverywhere ? [guangdongPack.id] : [],
  });
}

/** A rule of the chosen packs with the severity its pack gives it. */
export interface OfferedRule extends Rule {
  pack: RulePack;
  defaultSeverity: Severity;
}

/** Every rule of the chosen packs, for the severity choices (a rule turned off included). */
export function offeredRules(settings: Settings): OfferedRule[] {
  const rules = new Map<string, OfferedRule>();
  for (const pack of chosenPacks(settings)) {
    for (const rule of pack.rules) rules.set(rule.id, { ...rule, pack, defaultSeverity: rule.severity });
  }
  return [...rules.values()];
}

/** Reads and checks one file; never throws (a bad file gets its finding). */
export function checkFile(name: string, bytes: Uint8Array, engine: RuleEngine): Promise<CheckResult> {
  return checkReport({ name, bytes }, registry, engine);
}

/** The extensions offered in the file picker: the reports', and the roll-up mapping's. */
export const ACCEPT = [...registry.extensions(), ROLLUP_EXTENSION].join(',');
