import type { CheckResult, Finding } from '@xxgk/core';

/**
 * Results as they cross from a worker to the main thread. Structured cloning writes every
 * object's property names and every string anew, and reading them back builds each object
 * property by property: a text report's findings (nine in the benchmark's corpus, each with
 * its cell keys) took ~35 µs to send and receive, a tenth of the report's own time. Here a
 * finding is a run of values in one flat list, and the strings that repeat (rule ids,
 * severities, cell keys) are numbers into a table that each worker grows: a message carries
 * the entries it adds, and messages arrive in the order they were sent.
 */
export interface ResultsMessage {
  /** the table's new entries, numbered on from those of the messages before */
  strings: string[];
  /** per result: index, name, template, report, finding count, then each finding (see ResultEncoder#finding) */
  values: unknown[];
}

/** A file's result and its index in the batch. */
export interface IndexedResult {
  index: number;
  result: CheckResult;
}

/** A worker's side: one per worker, for all the messages it sends. */
export class ResultEncoder {
  private readonly numbers = new Map<string, number>();
  private added: string[] = [];

  encode(results: readonly IndexedResult[]): ResultsMessage {
    const values: unknown[] = [];
    for (const { index, result } of results) {
      values.push(index, result.name, result.template, result.report, result.findings.length);
      for (const finding of result.findings) this.finding(finding, values);
    }
    const strings = this.added;
    this.added = [];
    return { strings, values };
  }

  /** ruleId, severity, message, section, expected, actual, line, related, cell count, cells (absent fields as undefined) */
  private finding(finding: Finding, values: unknown[]): void {
    values.push(
      this.number(finding.ruleId),
      this.number(finding.severity),
      finding.message,
      finding.section,
      finding.expected,
      finding.actual,
      finding.line,
      finding.related,
      finding.cells.length,
    );
    for (const cell of finding.cells) values.push(this.number(cell));
  }

  private number(text: string): number {
    let number = this.numbers.get(text);
    if (number === undefined) {
      number = this.numbers.size;
      this.numbers.set(text, number);
      this.added.push(text);
    }
    return number;
  }
}

/** The main thread's side: one per worker, fed that worker's messages in order. */
export class ResultDecoder {
  private readonly strings: string[] = [];

  decode(message: ResultsMessage): IndexedResult[] {
    for (const text of message.strings) this.strings.push(text);
    const { values } = message;
    const results: IndexedResult[] = [];
    let at = 0;
    while (at < values.length) {
      const index = values[at] as number;
      const name = values[at + 1] as string;
      const template = values[at + 2] as CheckResult['template'];
      const report = values[at + 3] as CheckResult['report'];
      const count = values[at + 4] as number;
      at += 5;
      const findings: Finding[] = [];
      for (let found = 0; found < count; found += 1) at = this.finding(values, at, findings);
      results.push({ index, result: { name, report, findings, template } });
    }
    return results;
  }

  /** Reads the finding at `at` into `into`, in the order the engine builds findings; returns where the next begins. */
  private finding(values: readonly unknown[], at: number, into: Finding[]): number {
    const strings = this.strings;
    const cellCount = values[at + 8] as number;
    const cells: string[] = [];
    for (let cell = 0; cell < cellCount; cell += 1) cells.push(strings[values[at + 9 + cell] as number]!);
    const finding: Finding = {
      ruleId: strings[values[at] as number]!,
      severity: strings[values[at + 1] as number] as Finding['severity'],
      message: values[at + 2] as string,
      cells,
      section: values[at + 3] as Finding['section'],
    };
    const expected = values[at + 4] as Finding['expected'];
    const actual = values[at + 5] as Finding['actual'];
    const line = values[at + 6] as Finding['line'];
    const related = values[at + 7] as Finding['related'];
    if (expected !== undefined) finding.expected = expected;
    if (actual !== undefined) finding.actual = actual;
    if (line !== undefined) finding.line = line;
    if (related !== undefined) finding.related = related;
    into.push(finding);
    return at + 9 + cellCount;
  }
}
