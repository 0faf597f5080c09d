/**
 * A page's text items read from its content stream without pdfjs: the text operators
 * (BT/ET, Tf, Tm, Td, TD, T*, TL, Tc, Tw, Tz, Ts, Tj, TJ, ', "), the transform (q, Q, cm)
 * and form XObjects, with glyphs decoded and measured by fonts.ts.
 *
 * The items are those of pdfjs's `getTextContent()` — this follows its `PartialEvaluator.
 * getTextContent` step by step: how glyph runs are merged into one item or split into
 * several (by the gap to the previous glyph, in fractions of the font size), where it puts
 * spaces into an item's text, which glyphs outside the page it drops, the Unicode
 * normalization of each item's text — so that the rebuilt lines are the same. Left out are
 * pdfjs's items that hold only whitespace or mark an end of line, which the adapter drops.
 *
 * What this reader does not follow as pdfjs — vertical or right-to-left text, a font
 * set by a graphics state, inline images, malformed operands, anything fonts.ts declines —
 * throws `Unsupported`, and the caller leaves the document to pdfjs.
 *
 * pdf.js: Copyright Mozilla Foundation and others, Apache License 2.0 (see README).
 */

import { MAX_DEPTH, Name, PdfString, Ref, Unsupported, isDict, isStream, operations, type Dict, type PdfFile, type PdfValue } from './content.js';
import { loadFont, type TextFont } from './fonts.js';
import { multiply, type Matrix, type TextItemLike } from './geometry.js';

/** A text item as pdfjs's getTextContent gives it (the fields the adapter reads, and hasEOL). */
export interface TextItem extends TextItemLike {
  dir: 'ltr';
  hasEOL: boolean;
}

/** Fonts of one document, by reference (or dictionary), loaded once. */
export type FontCache = Map<number | Dict, Promise<TextFont>>;

// pdfjs's factors of the font size (getTextContent)
const TRACKING_SPACE_FACTOR = 0.102;
const NOT_A_SPACE_FACTOR = 0.03;
const NEGATIVE_SPACE_FACTOR = -0.2;
const SPACE_IN_FLOW_MIN_FACTOR = 0.102;
const SPACE_IN_FLOW_MAX_FACTOR = 0.6;
const VERTICAL_SHIFT_RATIO = 0.25;

/** pdfjs's normalizeUnicode: compatibility forms pdfjs decomposes (ligatures, spaces, presentation forms). */
const NORMALIZE =
  /([\u00a0\u00b5\u037e\u0eb3\u2000-\u200a\u202f\u2126\ufb00-\ufb04\ufb06\ufb20-\ufb36\ufb38-\ufb3c\ufb3e\ufb40-\ufb41\ufb43-\ufb44\ufb46-\ufba1\ufba4-\ufba9\ufbae-\ufbb1\ufbd3-\ufbdc\ufbde-\ufbe7\ufbea-\ufbf8\ufbfc-\ufbfd\ufc00-\ufc5d\ufc64-\ufcf1\ufcf5-\ufd3d\ufd88\ufdf4\ufdfa-\ufdfb\ufe71\ufe77\ufe79\ufe7b\ufe7d]+)|(\ufb05+)/gu;

function normalizeUnicode(text: string): string {
  return text.replace(NORMALIZE, (_, compatible: string | undefined, longST: string | undefined) => (compatible ? compatible.normalize('NFKC') : 'ſt'.repeat(longST!.length)));
}

/** Characters pdfjs's bidi takes for right-to-left (Hebrew, Arabic): it would reorder such text. */
const RIGHT_TO_LEFT = /[\u0590-\u08ac\ufb50-\ufdff\ufe70-\ufeff]/;

/** pdfjs's TextState: the graphics and text state getTextContent keeps (saved whole by q). */
class TextState {
  ctm: readonly number[] = [1, 0, 0, 1, 0, 0];
  fontName: string | null = null;
  fontSize = 0;
  font: TextFont | null = null;
  textMatrix: number[] = [1, 0, 0, 1, 0, 0];
  textLineMatrix: number[] = [1, 0, 0, 1, 0, 0];
  charSpacing = 0;
  wordSpacing = 0;
  leading = 0;
  textHScale = 1;
  textRise = 0;

  clone(): TextState {
    const copy = new TextState();
    copy.ctm = this.ctm;
    copy.fontName = this.fontName;
    copy.fontSize = this.fontSize;
    copy.font = this.font;
    copy.textMatrix = this.textMatrix.slice();
    copy.textLineMatrix = this.textLineMatrix.slice();
    copy.charSpacing = this.charSpacing;
    copy.wordSpacing = this.wordSpacing;
    copy.leading = this.leading;
    copy.textHScale = this.textHScale;
    copy.textRise = this.textRise;
    return copy;
  }

  translateTextMatrix(x: number, y: number): void {
    const m = this.textMatrix;
    m[4] = m[0]! * x + m[2]! * y + m[4]!;
    m[5] = m[1]! * x + m[3]! * y + m[5]!;
  }

  translateTextLineMatrix(x: number, y: number): void {
    const m = this.textLineMatrix;
    m[4] = m[0]! * x + m[2]! * y + m[4]!;
    m[5] = m[1]! * x + m[3]! * y + m[5]!;
  }

  carriageReturn(): void {
    this.translateTextLineMatrix(0, -this.leading);
    this.textMatrix = this.textLineMatrix.slice();
  }
}

class StateStack {
  private readonly saved: TextState[] = [];
  constructor(public state: TextState) {}
  save(): void {
    this.saved.push(this.state);
    this.state = this.state.clone();
  }
  restore(): void {
    const previous = this.saved.pop();
    if (previous) this.state = previous;
  }
}

/** pdfjs's textContentItem: the item being built, and what it keeps of the last one after a flush. */
interface Chunk {
  initialized: boolean;
  str: string[];
  totalWidth: number;
  width: number;
  height: number;
  prevTransform: Matrix | null;
  textAdvanceScale: number;
  spaceInFlowMin: number;
  spaceInFlowMax: number;
  trackingSpaceMin: number;
  negativeSpaceMax: number;
  notASpace: number;
  transform: Matrix | null;
  hasEOL: boolean;
}

function numbers(args: readonly unknown[], count: number): number[] {
  for (let index = 0; index < count; index += 1) {
    if (typeof args[index] !== 'number') throw new Unsupported('text operand is not a number');
  }
  return args as number[];
}

function text(value: unknown): string {
  if (!(value instanceof PdfString)) throw new Unsupported('text operand is not a string');
  return value.bytes;
}

/** The reading of one content stream (the page's, or a form's): pdfjs's getTextContent call. */
class StreamText {
  private readonly chunk: Chunk = {
    initialized: false,
    str: [],
    totalWidth: 0,
    width: 0,
    height: 0,
    prevTransform: null,
    textAdvanceScale: 0,
    spaceInFlowMin: 0,
    spaceInFlowMax: 0,
    trackingSpaceMin: Infinity,
    negativeSpaceMax: -Infinity,
    notASpace: -Infinity,
    transform: null,
    hasEOL: false,
  };
  private readonly twoLastChars = [' ', ' '];
  private twoLastCharsPos = 0;
  /** the font name and size of the item being built (pdfjs's currentTextState): another starts a new item */
  private currentFont: { name: string | null; size: number } | null = null;
  /** the stream's fonts by resource name, once loaded */
  private readonly fonts = new Map<string, TextFont>();

  constructor(
    private readonly page: PageText,
    private readonly states: StateStack,
    private readonly resources: Dict,
    private readonly forms: readonly number[],
  ) {}

  private get state(): TextState {
    return this.states.state;
  }

  private saveLastChar(char: string): boolean {
    const nextPos = (this.twoLastCharsPos + 1) % 2;
    const spaced = this.twoLastChars[this.twoLastCharsPos] !== ' ' && this.twoLastChars[nextPos] === ' ';
    this.twoLastChars[this.twoLastCharsPos] = char;
    this.twoLastCharsPos = nextPos;
    return spaced;
  }

  private shouldAddWhitespace(): boolean {
    return this.twoLastChars[this.twoLastCharsPos] !== ' ' && this.twoLastChars[(this.twoLastCharsPos + 1) % 2] === ' ';
  }

  private resetLastChars(): void {
    this.twoLastChars[0] = this.twoLastChars[1] = ' ';
    this.twoLastCharsPos = 0;
  }

  private currentTextTransform(): Matrix {
    const state = this.state;
    // pdfjs's stretch of small Type 3 text (fonts.ts)
    const heightScale = state.font?.smallSizeHeightScale ?? null;
    const height = heightScale !== null && state.fontSize <= 1 ? state.fontSize * heightScale : state.fontSize;
    const tsm = [state.fontSize * state.textHScale, 0, 0, height, 0, state.textRise];
    return multiply(state.ctm, multiply(state.textMatrix, tsm));
  }

  private ensureChunk(): Chunk {
    const chunk = this.chunk;
    if (chunk.initialized) return chunk;
    const state = this.state;
    const trm = (chunk.transform = this.currentTextTransform());
    chunk.width = chunk.totalWidth = 0;
    chunk.height = Math.hypot(trm[2]!, trm[3]!);
    chunk.textAdvanceScale = Math.hypot(state.ctm[0]!, state.ctm[1]!) * Math.hypot(state.textLineMatrix[0]!, state.textLineMatrix[1]!);
    const { fontSize } = state;
    chunk.trackingSpaceMin = fontSize * TRACKING_SPACE_FACTOR;
    chunk.notASpace = fontSize * NOT_A_SPACE_FACTOR;
    chunk.negativeSpaceMax = fontSize * NEGATIVE_SPACE_FACTOR;
    chunk.spaceInFlowMin = fontSize * SPACE_IN_FLOW_MIN_FACTOR;
    chunk.spaceInFlowMax = fontSize * SPACE_IN_FLOW_MAX_FACTOR;
    chunk.hasEOL = false;
    chunk.initialized = true;
    return chunk;
  }

  private updateAdvanceScale(): void {
    const chunk = this.chunk;
    if (!chunk.initialized) return;
    const state = this.state;
    const scale = Math.hypot(state.ctm[0]!, state.ctm[1]!) * Math.hypot(state.textLineMatrix[0]!, state.textLineMatrix[1]!);
    if (scale === chunk.textAdvanceScale) return;
    chunk.totalWidth += chunk.width * chunk.textAdvanceScale;
    chunk.width = 0;
    chunk.textAdvanceScale = scale;
  }

  flush(): void {
    const chunk = this.chunk;
    if (!chunk.initialized) return;
    chunk.totalWidth += chunk.width * chunk.textAdvanceScale;
    const str = normalizeUnicode(chunk.str.join(''));
    if (RIGHT_TO_LEFT.test(str)) throw new Unsupported('right-to-left text');
    this.page.items.push({ str, dir: 'ltr', width: Math.abs(chunk.totalWidth), transform: chunk.transform!, hasEOL: chunk.hasEOL });
    chunk.initialized = false;
    chunk.str.length = 0;
  }

  private appendEOL(): void {
    this.resetLastChars();
    if (this.chunk.initialized) {
      this.chunk.hasEOL = true;
      this.flush();
    }
  }

  /** pdfjs's addFakeSpaces: a gap within the flow is a space in the item; a wider one ends the item. */
  private addFakeSpaces(width: number, orientation: number): boolean {
    const chunk = this.chunk;
    if (orientation * chunk.spaceInFlowMin <= width && width <= orientation * chunk.spaceInFlowMax) {
      if (chunk.initialized) {
        this.resetLastChars();
        chunk.str.push(' ');
      }
      return false;
    }
    this.flush();
    this.resetLastChars();
    return true;
  }

  /** pdfjs's compareWithLastPosition (horizontal text): false for a glyph outside the page. */
  private compareWithLastPosition(glyphWidth: number): boolean {
    const current = this.currentTextTransform();
    let posX = current[4]!;
    let posY = current[5]!;
    const view = this.page.viewBox;
    if (posX + glyphWidth < view[0]! || posX > view[2]! || posY < view[1]! || posY > view[3]!) return false;
    const chunk = this.chunk;
    if (!this.state.font || !chunk.prevTransform) return true;
    let lastPosX = chunk.prevTransform[4]!;
    let lastPosY = chunk.prevTransform[5]!;
    if (lastPosX === posX && lastPosY === posY) return true;
    let rotate = -1;
    if (current[0] && current[1] === 0 && current[2] === 0) rotate = current[0] > 0 ? 0 : 180;
    else if (current[1] && current[0] === 0 && current[3] === 0) rotate = current[1] > 0 ? 90 : 270;
    switch (rotate) {
      case 0:
        break;
      case 90:
        [posX, posY] = [posY, posX];
        [lastPosX, lastPosY] = [lastPosY, lastPosX];
        break;
      case 180:
        [posX, posY, lastPosX, lastPosY] = [-posX, -posY, -lastPosX, -lastPosY];
        break;
      case 270:
        [posX, posY] = [-posY, -posX];
        [lastPosX, lastPosY] = [-lastPosY, -lastPosX];
        break;
      default:
        [posX, posY] = inverseRotation(posX, posY, current);
        [lastPosX, lastPosY] = inverseRotation(lastPosX, lastPosY, chunk.prevTransform);
    }
    const advanceX = (posX - lastPosX) / chunk.textAdvanceScale;
    const advanceY = posY - lastPosY;
    const orientation = Math.sign(chunk.width || chunk.totalWidth);
    if (advanceX < orientation * chunk.negativeSpaceMax) {
      if (Math.abs(advanceY) > 0.5 * chunk.height) {
        this.appendEOL();
        return true;
      }
      this.resetLastChars();
      this.flush();
      return true;
    }
    if (Math.abs(advanceY) > chunk.height) {
      this.appendEOL();
      return true;
    }
    if (advanceX <= orientation * chunk.notASpace) this.resetLastChars();
    if (advanceX <= orientation * chunk.trackingSpaceMin) {
      if (this.shouldAddWhitespace()) {
        this.resetLastChars();
        this.flush();
      } else chunk.width += advanceX;
    } else if (!this.addFakeSpaces(advanceX, orientation)) {
      if (chunk.str.length === 0) this.resetLastChars();
      else chunk.width += advanceX;
    }
    if (Math.abs(advanceY) > chunk.height * VERTICAL_SHIFT_RATIO) this.flush();
    return true;
  }

  /** pdfjs's buildTextContentItem: one shown string, `extraSpacing` (a TJ number) after its last glyph. */
  private show(bytes: string, extraSpacing: number): void {
    const state = this.state;
    const current = this.currentFont!;
    if (current.name !== state.fontName || current.size !== state.fontSize) {
      this.flush();
      this.currentFont = { name: state.fontName, size: state.fontSize };
    }
    const font = state.font;
    if (!font) throw new Unsupported('text without a font');
    if (bytes === '') {
      const spacing = state.charSpacing + extraSpacing;
      if (spacing) state.translateTextMatrix(spacing * state.textHScale, 0);
      return;
    }
    const glyphs = font.glyphs(bytes);
    const scale = font.fontMatrix[0]! * state.fontSize;
    for (let index = 0; index < glyphs.length; index += 1) {
      const glyph = glyphs[index]!;
      if (glyph.isInvisibleFormatMark) continue;
      let spacing = state.charSpacing + (index + 1 === glyphs.length ? extraSpacing : 0);
      let advance = glyph.width * scale;
      if (glyph.code === 0x20) spacing += state.wordSpacing;
      if (glyph.isWhitespace) {
        spacing += advance;
        state.translateTextMatrix(spacing * state.textHScale, 0);
        this.saveLastChar(' ');
        continue;
      }
      if (!glyph.isZeroWidthDiacritic && !this.compareWithLastPosition(advance)) {
        // pdfjs moves past a glyph off the page without its spacing
        state.translateTextMatrix(advance * state.textHScale, 0);
        continue;
      }
      const chunk = this.ensureChunk();
      if (glyph.isZeroWidthDiacritic) advance = 0;
      advance *= state.textHScale;
      state.translateTextMatrix(advance, 0);
      chunk.width += advance;
      if (advance) chunk.prevTransform = this.currentTextTransform();
      if (this.saveLastChar(glyph.unicode)) chunk.str.push(' ');
      chunk.str.push(glyph.unicode);
      if (spacing) state.translateTextMatrix(spacing * state.textHScale, 0);
    }
  }

  /** Tf; waits only for a font not yet loaded for this stream. */
  private setFont(name: unknown, size: unknown): Promise<void> | undefined {
    if (!(name instanceof Name) || typeof size !== 'number') throw new Unsupported('Tf operands');
    const state = this.state;
    if (state.font && name.name === state.fontName && size === state.fontSize) return undefined;
    state.fontName = name.name;
    state.fontSize = size;
    const loaded = this.fonts.get(name.name);
    if (loaded) {
      state.font = loaded;
      return undefined;
    }
    return (async () => {
      const fonts = await this.page.file.get(this.resources, 'Font');
      if (!isDict(fonts) || !fonts.has(name.name)) throw new Unsupported(`no font ${name.name}`);
      const font = await this.page.font(fonts.get(name.name)!);
      this.fonts.set(name.name, font);
      state.font = font;
    })();
  }

  /** TJ: strings shown in turn, each number moving the next one (in thousandths of the font size). */
  private showSpaced(elements: unknown): void {
    if (!Array.isArray(elements)) throw new Unsupported('TJ operand is not an array');
    if (!this.state.font) throw new Unsupported('text without a font');
    const spaceFactor = -this.state.fontSize / 1000;
    let buffer = '';
    for (const element of elements) {
      if (element instanceof PdfString) buffer += element.bytes;
      else if (typeof element === 'number') {
        if (element === 0) continue;
        this.show(buffer, element * spaceFactor);
        buffer = '';
      } else throw new Unsupported('TJ element');
    }
    if (buffer !== '') this.show(buffer, 0);
  }

  private async xobject(name: unknown): Promise<void> {
    this.flush();
    if (!(name instanceof Name)) throw new Unsupported('XObject not named');
    const all = await this.page.file.get(this.resources, 'XObject');
    if (!isDict(all) || !all.has(name.name)) throw new Unsupported(`no XObject ${name.name}`);
    const raw = all.get(name.name)!;
    const xobject = await this.page.file.resolve(raw);
    if (!isStream(xobject)) throw new Unsupported('XObject is not a stream');
    const subtype = await this.page.file.get(xobject.dict, 'Subtype');
    if (!(subtype instanceof Name)) throw new Unsupported('XObject without subtype');
    if (subtype.name !== 'Form') return;
    if (raw instanceof Ref && this.forms.includes(raw.num)) throw new Unsupported('form draws itself');
    if (this.forms.length >= MAX_DEPTH) throw new Unsupported('forms nested too deep');
    const states = new StateStack(this.state.clone());
    const matrix = await this.page.file.get(xobject.dict, 'Matrix');
    if (Array.isArray(matrix)) {
      const values = await Promise.all(matrix.map((item) => this.page.file.resolve(item)));
      if (values.length === 6 && values.every((value) => typeof value === 'number')) states.state.ctm = multiply(states.state.ctm, values as number[]);
    }
    const own = await this.page.file.get(xobject.dict, 'Resources');
    const inner = new StreamText(this.page, states, isDict(own) ? own : this.resources, raw instanceof Ref ? [...this.forms, raw.num] : this.forms);
    await inner.read(await this.page.file.decode(xobject));
  }

  /** gs: a graphics state that sets a font changes the text state, which this reader does not follow. */
  private async graphicsState(name: unknown): Promise<void> {
    if (!(name instanceof Name)) throw new Unsupported('ExtGState not named');
    const states = await this.page.file.get(this.resources, 'ExtGState');
    const state = isDict(states) ? await this.page.file.resolve(states.get(name.name)) : undefined;
    if (!isDict(state)) throw new Unsupported('ExtGState is not a dictionary');
    if (state.has('Font')) throw new Unsupported('font set by a graphics state');
  }

  /** Reads the stream's operators (operands taken as pdfjs takes them: see operations). */
  async read(data: Uint8Array): Promise<void> {
    for (const { name, args } of operations(data, true)) {
      this.currentFont ??= { name: this.state.fontName, size: this.state.fontSize };
      // only fonts and forms wait for the file: the other operators run without a turn of the event loop
      const waiting = this.operator(name, args);
      if (waiting) await waiting;
    }
    this.flush();
  }

  private operator(name: string, args: unknown[]): Promise<void> | undefined {
    const state = this.state;
    switch (name) {
      case 'q':
        this.states.save();
        return;
      case 'Q':
        this.states.restore();
        return;
      case 'cm':
        state.ctm = multiply(state.ctm, numbers(args, 6));
        return;
      case 'Tf':
        return this.setFont(args[0], args[1]);
      case 'Ts':
        state.textRise = numbers(args, 1)[0]!;
        return;
      case 'Tz':
        state.textHScale = numbers(args, 1)[0]! / 100;
        return;
      case 'TL':
        state.leading = numbers(args, 1)[0]!;
        return;
      case 'Td': {
        const [x, y] = numbers(args, 2);
        state.translateTextLineMatrix(x!, y!);
        state.textMatrix = state.textLineMatrix.slice();
        return;
      }
      case 'TD': {
        const [x, y] = numbers(args, 2);
        state.leading = -y!;
        state.translateTextLineMatrix(x!, y!);
        state.textMatrix = state.textLineMatrix.slice();
        return;
      }
      case 'T*':
        state.carriageReturn();
        return;
      case 'Tm': {
        const m = numbers(args, 6);
        state.textMatrix = m.slice(0, 6);
        state.textLineMatrix = m.slice(0, 6);
        this.updateAdvanceScale();
        return;
      }
      case 'Tc':
        state.charSpacing = numbers(args, 1)[0]!;
        return;
      case 'Tw':
        state.wordSpacing = numbers(args, 1)[0]!;
        return;
      case 'BT':
        state.textMatrix = [1, 0, 0, 1, 0, 0];
        state.textLineMatrix = [1, 0, 0, 1, 0, 0];
        return;
      case 'TJ':
        this.showSpaced(args[0]);
        return;
      case 'Tj':
        if (!state.font) throw new Unsupported('text without a font');
        this.show(text(args[0]), 0);
        return;
      case "'":
        if (!state.font) throw new Unsupported('text without a font');
        state.carriageReturn();
        this.show(text(args[0]), 0);
        return;
      case '"': {
        if (!state.font) throw new Unsupported('text without a font');
        const [wordSpacing, charSpacing] = numbers(args, 2);
        state.wordSpacing = wordSpacing!;
        state.charSpacing = charSpacing!;
        state.carriageReturn();
        this.show(text(args[2]), 0);
        return;
      }
      case 'Do':
        return this.xobject(args[0]);
      case 'gs':
        return this.graphicsState(args[0]);
      case 'BMC':
      case 'BDC':
      case 'EMC':
        this.flush();
        return;
      case 'BI':
      case 'ID':
      case 'EI':
        throw new Unsupported('inline image');
      default:
    }
  }
}

function inverseRotation(x: number, y: number, matrix: readonly number[]): [number, number] {
  const scale = Math.hypot(matrix[0]!, matrix[1]!);
  return [(matrix[0]! * x + matrix[1]! * y) / scale, (matrix[2]! * x + matrix[3]! * y) / scale];
}

/** The text of one page. */
class PageText {
  readonly items: TextItem[] = [];
  constructor(
    readonly file: PdfFile,
    private readonly fonts: FontCache,
    /** the page's view (pdfjs's page.view): glyphs outside it are dropped */
    readonly viewBox: readonly number[],
  ) {}

  font(value: PdfValue): Promise<TextFont> {
    const key = value instanceof Ref ? value.num : isDict(value) ? value : null;
    if (key === null) throw new Unsupported('font is neither a reference nor a dictionary');
    let font = this.fonts.get(key);
    if (!font) {
      font = loadFont(this.file, value);
      this.fonts.set(key, font);
    }
    return font;
  }
}

/**
 * The text items of a page's content (`data`, its content streams joined) with its
 * resources, as pdfjs's getTextContent gives them (without whitespace-only items and
 * end-of-line markers). Throws Unsupported where pdfjs could read it differently.
 */
export async function pageTextItems(file: PdfFile, data: Uint8Array, resources: Dict, viewBox: readonly number[], fonts: FontCache): Promise<TextItem[]> {
  const page = new PageText(file, fonts, viewBox);
  await new StreamText(page, new StateStack(new TextState()), resources, []).read(data);
  return page.items;
}

