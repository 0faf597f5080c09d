import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeDamagedUtf8, decodeUtf8 } from '../src/index.js';

/** The reference: the platform's strict decoder, a BOM kept (decodeUtf8 leaves BOMs to its callers). */
const STRICT = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function reference(bytes: Uint8Array): string | null {
  try {
    return STRICT.decode(bytes);
  } catch {
    return null;
  }
}

const encode = (text: string) => new TextEncoder().encode(text);

describe('decodeUtf8', () => {
  it('decodes one-, two-, three- and four-byte sequences, and keeps a BOM', () => {
    expect(decodeUtf8(encode('a|é|政府信息公开|𠀀|😀'))).toBe('a|é|政府信息公开|𠀀|😀');
    expect(decodeUtf8(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]))).toBe('\ufeffA');
    expect(decodeUtf8(new Uint8Array())).toBe('');
  });

  it('refuses what is not UTF-8: GBK, overlong forms, surrogates, truncated and stray bytes', () => {
    expect(decodeUtf8(new Uint8Array([0xd5, 0xfe, 0xb8, 0xae]))).toBeNull(); // 政府 in GBK
    expect(decodeUtf8(new Uint8Array([0xc0, 0xaf]))).toBeNull(); // overlong "/"
    expect(decodeUtf8(new Uint8Array([0xe0, 0x80, 0xaf]))).toBeNull(); // overlong, three bytes
    expect(decodeUtf8(new Uint8Array([0xf0, 0x80, 0x80, 0xaf]))).toBeNull(); // overlong, four bytes
    expect(decodeUtf8(new Uint8Array([0xed, 0xa0, 0x80]))).toBeNull(); // U+D800
    expect(decodeUtf8(new Uint8Array([0xf4, 0x90, 0x80, 0x80]))).toBeNull(); // past U+10FFFF
    expect(decodeUtf8(new Uint8Array([0xe6, 0x94]))).toBeNull(); // 政 cut short
    expect(decodeUtf8(new Uint8Array([0x41, 0x80]))).toBeNull(); // a continuation byte alone
  });

  it('agrees with the strict TextDecoder on random bytes and on damaged UTF-8', () => {
    const damaged = fc
      .tuple(fc.string({ unit: 'binary' }), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 3 }))
      .map(([text, changes]) => {
        const bytes = encode(text);
        for (const [at, byte] of changes) if (bytes.length > 0) bytes[at % bytes.length] = byte;
        return bytes;
      });
    // a BOM first as well: both keep it
    const withBom = damaged.map((bytes) => new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]));
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 64 }), damaged, withBom), (bytes) => {
        expect(decodeUtf8(bytes)).toBe(reference(bytes));
      }),
      { numRuns: 5000 },
    );
  });

  it('decodes a file larger than the buffer it keeps between calls', () => {
    const text = '政府信息公开工作年度报告\n'.repeat(200_000);
    expect(decodeUtf8(encode(text))).toBe(text);
    expect(decodeUtf8(encode('短'))).toBe('短');
  });
});

describe('decodeDamagedUtf8', () => {
  it('reads UTF-8 cut short in a character, or with a stray byte, each bad sequence as U+FFFD', () => {
    const text = encode('政府信息公开');
    expect(decodeDamagedUtf8(text.subarray(0, text.length - 1))).toBe('政府信息公\ufffd');
    expect(decodeDamagedUtf8(new Uint8Array([...encode('政府'), 0xa0, ...encode('信息')]))).toBe('政府\ufffd信息');
  });

  it('allows one bad sequence in a thousand non-ASCII bytes: a long report with a few', () => {
    const report = encode('政府信息公开工作年度报告'.repeat(250)); // 9,000 non-ASCII bytes
    const damaged = (count: number) => new Uint8Array([...Array.from({ length: count }, () => [0xff, 0x41]).flat(), ...report]);
    expect(decodeDamagedUtf8(damaged(9))?.endsWith('年度报告')).toBe(true);
    expect(decodeDamagedUtf8(damaged(10))).toBeNull();
  });

  it('says null for text in another encoding: GBK fails on most of its characters', () => {
    expect(decodeDamagedUtf8(new Uint8Array([0xd5, 0xfe, 0xb8, 0xae]))).toBeNull(); // 政府 in GBK
    expect(decodeDamagedUtf8(new Uint8Array(Array.from({ length: 500 }, () => [0xd5, 0xfe, 0xb8, 0xae]).flat()))).toBeNull();
  });
});
