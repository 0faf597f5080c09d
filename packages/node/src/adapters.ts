import type { Adapter } from '@xxgk/core';
import { docxAdapter } from '@xxgk/adapter-docx';
import { htmlAdapter } from '@xxgk/adapter-html';
import { textAdapter } from '@xxgk/adapter-text';

/** The format adapters used when none are given: content decides, then the extension. */
export const DEFAULT_ADAPTERS: readonly Adapter[] = [docxAdapter, htmlAdapter, textAdapter];
