/**
 * Message templates split once at their `{name}` placeholders, for the engine, which fills
 * thousands of findings from a few templates (not part of the package's exports).
 */

/** A message template split once: text, then each placeholder's name and the text after it. */
export interface CompiledMessage {
  /** `parts[0]`, then the text after each placeholder: one more than `names` */
  parts: readonly string[];
  names: readonly string[];
}

const MESSAGES = new Map<string, CompiledMessage>();

/** Splits a message template at its `{name}` placeholders (memoised: packs reuse a few templates). */
export function compileMessage(template: string): CompiledMessage {
  let compiled = MESSAGES.get(template);
  if (!compiled) {
    // split with a capturing group: text, name, text, name, … text — as `replace` finds them
    const pieces = template.split(/\{(\w+)\}/);
    compiled = { parts: pieces.filter((_, index) => index % 2 === 0), names: pieces.filter((_, index) => index % 2 === 1) };
    if (MESSAGES.size >= 10_000) MESSAGES.clear();
    MESSAGES.set(template, compiled);
  }
  return compiled;
}

/**
 * Fills a compiled message: `value(name)` gives each placeholder's value; an unknown
 * placeholder (undefined or null) is left as written.
 */
export function fillMessage(message: CompiledMessage, value: (name: string) => unknown): string {
  const { parts, names } = message;
  let text = parts[0]!;
  for (let index = 0; index < names.length; index += 1) {
    const name = names[index]!;
    const filled = value(name);
    text += (filled === undefined || filled === null ? `{${name}}` : String(filled)) + parts[index + 1]!;
  }
  return text;
}
