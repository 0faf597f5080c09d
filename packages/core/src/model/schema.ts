import { z } from 'zod';

export const TemplateIdSchema = z.enum(['2021', '2019']);
export const TableIdSchema = z.enum(['active', 'requests', 'review', 'fees']);
export const SeveritySchema = z.enum(['error', 'warning']);

/** Where a value came from in the source. */
export const CellSourceSchema = z.object({
  line: z.number().int().positive(),
  page: z.number().int().positive().optional(),
  /** the cell's text as written */
  text: z.string(),
  /** a unit conversion or other reading note */
  note: z.string().optional(),
});

export const SectionSchema = z.object({
  number: z.number().int().min(1).max(6),
  /** the heading as written */
  heading: z.string(),
  line: z.number().int().positive(),
});

export const TableFoundSchema = z.object({
  id: TableIdSchema,
  line: z.number().int().positive(),
});

export const PeriodSchema = z.object({
  start: z.string(),
  end: z.string(),
  line: z.number().int().positive(),
  text: z.string(),
});

export const MetaSchema = z.object({
  agency: z.string().nullable(),
  /** the reporting year: 2022 for a report on 2022 */
  year: z.number().int().nullable(),
  /** the signing date at the report's end, YYYY-MM-DD */
  publishedAt: z.string().nullable(),
  /** the line of the signing date */
  publishedLine: z.number().int().positive().optional(),
  title: z.string().nullable(),
  /** the year the title names */
  titleYear: z.number().int().nullable(),
  /** the statistics period the preamble states */
  period: PeriodSchema.nullable(),
});

export const FeeStatementSchema = z.object({
  kind: z.enum(['table', 'sentence']),
  section: z.number().int().nullable(),
  line: z.number().int().positive(),
  text: z.string(),
});

/** A figure the prose states about table cells (予以公开6件): see reader/narrative.ts. */
export const NarrativeClaimSchema = z.object({
  /** the id of the phrase (NARRATIVE_PHRASES) that matched */
  phrase: z.string(),
  /** the cells whose sum the figure states */
  keys: z.array(z.string()),
  /** other sums the same words may mean; the claim holds when it equals any of them */
  alternatives: z.array(z.array(z.string())),
  value: z.number(),
  /** the matched words, normalised (full-width digits half-width, no spaces) */
  words: z.string(),
  /** the sentence, as written */
  sentence: z.string(),
  line: z.number().int().positive(),
  section: z.number().int().nullable(),
});

export const ReportSchema = z.object({
  /** the adapter that read the source */
  format: z.string(),
  template: TemplateIdSchema.nullable(),
  meta: MetaSchema,
  /** cell key → number, or null for a blank cell; a key is absent when its row is */
  cells: z.record(z.string(), z.number().nullable()),
  sources: z.record(z.string(), CellSourceSchema),
  /** cell key → why its text is not a valid value (text, negative, fraction) */
  problems: z.record(z.string(), z.string()),
  sections: z.array(SectionSchema),
  tables: z.array(TableFoundSchema),
  feeStatement: FeeStatementSchema.nullable(),
  /** the report's paragraphs, for checks that read the prose */
  paragraphs: z.array(z.object({ line: z.number().int().positive(), text: z.string(), section: z.number().int().nullable() })),
  /**
   * The figures the paragraphs state about table cells, read with the rest of the report
   * (buildReport). Absent on a report made otherwise: facts then read the paragraphs.
   */
  claims: z.array(NarrativeClaimSchema).optional(),
});

export type TemplateIdValue = z.infer<typeof TemplateIdSchema>;
export type Severity = z.infer<typeof SeveritySchema>;
export type CellSource = z.infer<typeof CellSourceSchema>;
export type Section = z.infer<typeof SectionSchema>;
export type Meta = z.infer<typeof MetaSchema>;
export type FeeStatement = z.infer<typeof FeeStatementSchema>;
export type Report = z.infer<typeof ReportSchema>;
export type NarrativeClaim = z.infer<typeof NarrativeClaimSchema>;

/** A place outside the finding's own cell: another line of the report, or another report. */
export const RelatedPlaceSchema = z.object({
  /** another report's name (its file, or agency and year from a store); absent for this report */
  report: z.string().optional(),
  cells: z.array(z.string()).optional(),
  line: z.number().int().positive().optional(),
  /** the text there (a sentence) or the value */
  text: z.string().optional(),
  value: z.union([z.number(), z.null()]).optional(),
});

export type RelatedPlace = z.infer<typeof RelatedPlaceSchema>;

/** Another report a cross-report rule compares a report with. */
export interface RelatedReport {
  /** how messages name it: its file, or agency and year from a store */
  name: string;
  report: Report;
}

/** The other reports a check may consult; cross-report rules stay silent without them. */
export interface RelatedReports {
  /** the same agency's report on the year before */
  previous?: RelatedReport;
  /** the reports this summary report adds up (roll-up checks) */
  children?: readonly RelatedReport[];
}

export const FindingSchema = z.object({
  ruleId: z.string(),
  severity: SeveritySchema,
  /** Chinese, naming the table, row and column (or section) to fix */
  message: z.string(),
  /** the cell keys involved: for an identity, the total first, then every addend */
  cells: z.array(z.string()),
  section: z.number().int().min(1).max(6).nullable(),
  expected: z.union([z.number(), z.string()]).optional(),
  actual: z.union([z.number(), z.string(), z.null()]).optional(),
  /** the source line of the first cell or of the statement concerned */
  line: z.number().int().positive().optional(),
  /**
   * The other places a finding compares this one with: the table cell a sentence
   * restates, last year's report, the reports a summary sums.
   */
  related: z.array(RelatedPlaceSchema).optional(),
});

export type Finding = z.infer<typeof FindingSchema>;
