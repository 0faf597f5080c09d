import { defaultTreeAdapter, parse, type DefaultTreeAdapterTypes } from 'parse5';

/**
 * The page as parse5 builds it (its default tree adapter), with source locations. parse5
 * implements the HTML standard's tokenizer and tree construction, so pages are repaired
 * as browsers repair them (implied end tags, foster parenting, raw text, character
 * references …). This module only names the node shapes and reads lines off them.
 */
export type HtmlDocument = DefaultTreeAdapterTypes.Document;
export type HtmlElement = DefaultTreeAdapterTypes.Element;
export type HtmlText = DefaultTreeAdapterTypes.TextNode;
export type HtmlNode = DefaultTreeAdapterTypes.ChildNode;
export type HtmlParent = DefaultTreeAdapterTypes.ParentNode;

/** Parses a page with parse5, keeping the source location of every node. */
export function parseHtml(html: string): HtmlDocument {
  return parse(html, { sourceCodeLocationInfo: true });
}

export function isElement(node: HtmlNode | HtmlParent): node is HtmlElement {
  return defaultTreeAdapter.isElementNode(node);
}

export function isText(node: HtmlNode): node is HtmlText {
  return defaultTreeAdapter.isTextNode(node);
}

export function attribute(element: HtmlElement, name: string): string | undefined {
  return element.attrs.find((attr) => attr.name === name && !attr.namespace)?.value;
}

/**
 * The 1-based source line of an element's start tag. An element the parser implied (a
 * `<tr>` the page left out, the `<body>` of a page without one) has no start tag of its
 * own: it takes the line of the first node inside it that has one, or `undefined`.
 */
export function lineOf(element: HtmlElement): number | undefined {
  const own = element.sourceCodeLocation?.startLine;
  if (own !== undefined) return own;
  // only implied elements get here, and the parser nests those a few levels at most
  for (const child of element.childNodes) {
    const line = isElement(child) ? lineOf(child) : child.sourceCodeLocation?.startLine;
    if (line !== undefined) return line;
  }
  return undefined;
}

function countBreaks(text: string): number {
  let breaks = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) breaks += 1;
  return breaks;
}

/** The line a text node starts on, and the line of its first non-whitespace character. */
export function textLines(text: HtmlText): { line: number; firstLine: number } {
  const location = text.sourceCodeLocation;
  const parent = text.parentNode;
  let line = location?.startLine ?? (parent && isElement(parent) ? lineOf(parent) : undefined) ?? 1;
  if (location && parent && (parent.nodeName === 'pre' || parent.nodeName === 'listing') && parent.childNodes[0] === text) {
    // the parser drops the line break right after <pre>, but the text keeps the location of
    // the whitespace it was in: count back from the end instead
    line = Math.max(line, location.endLine - countBreaks(text.value));
  }
  const lead = /^[\t\n\f\r ]*/.exec(text.value)![0];
  return { line, firstLine: line + countBreaks(lead) };
}

/**
 * Visits the nodes under `root` in document order without recursion, so that markup
 * nested tens of thousands deep cannot overflow the stack. `enter` returns whether to go
 * into an element's children; `leave` is called for each element entered, after them.
 */
export function traverse(root: HtmlParent, enter: (node: HtmlNode) => boolean, leave: (element: HtmlElement) => void = () => {}): void {
  const stack: { parent: HtmlParent; index: number }[] = [{ parent: root, index: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.index >= top.parent.childNodes.length) {
      stack.pop();
      if (stack.length > 0) leave(top.parent as HtmlElement);
      continue;
    }
    const node = top.parent.childNodes[top.index]!;
    top.index += 1;
    if (enter(node) && isElement(node)) stack.push({ parent: node, index: 0 });
  }
}
