/**
 * What an adapter hands the core: the report's text as paragraphs and table rows, each
 * with the place in the source it came from. Adapters know file formats; the core knows
 * templates. A table row is a list of cells as the source lays them out, merged cells
 * already expanded or left as empty cells.
 */

export interface SourcePosition {
  /** 1-based line in the source text (or the adapter's own numbering of blocks) */
  line: number;
  /** 1-based page, for paged formats */
  page?: number;
}

export interface SourceCell extends SourcePosition {
  text: string;
  /**
   * Set on the empty cells a merged cell leaves when expanded to a grid: `col` for the
   * cells a colspan covers, `row` for those a rowspan covers. A label merged across
   * columns then does not push the values out of their columns.
   */
  merged?: 'row' | 'col';
}

export interface TextBlock extends SourcePosition {
  kind: 'text';
  text: string;
}

export interface RowBlock extends SourcePosition {
  kind: 'row';
  cells: SourceCell[];
  /**
   * `exact` when each cell stands in its own column (HTML, DOCX, pipe tables);
   * `loose` when cells were split on runs of whitespace or tabs and empty cells may be
   * missing or doubled (PDF text), so values are aligned to the right-hand columns.
   */
  positions: 'exact' | 'loose';
}

export type SourceBlock = TextBlock | RowBlock;

export interface SourceDocument {
  /** the adapter that read it, e.g. `text` */
  format: string;
  blocks: SourceBlock[];
}
