// Hand-made PDFs for the tests of the file reader (content.test.ts) and the text reader (own-text.test.ts).
import { deflateSync } from 'node:zlib';

/**
 * A PDF from object bodies (numbered from 1; object 1 the catalog), with a classic xref.
 * A body given as [dictionary, content] becomes a Flate stream.
 */
export function makePdf(objects: (string | [string, string])[], { junk = '', trailer = '' } = {}): Uint8Array {
  const parts: Buffer[] = [Buffer.from(`${junk}%PDF-1.7\n%\u00e2\u00e3\n`, 'latin1')];
  let length = parts[0]!.length - junk.length;
  const offsets: number[] = [];
  const push = (part: Buffer) => {
    parts.push(part);
    length += part.length;
  };
  objects.forEach((body, index) => {
    offsets.push(length);
    if (typeof body === 'string') {
      push(Buffer.from(`${index + 1} 0 obj\n${body}\nendobj\n`, 'latin1'));
      return;
    }
    const data = deflateSync(Buffer.from(body[1], 'latin1'));
    push(Buffer.from(`${index + 1} 0 obj\n<< ${body[0]} /Filter /FlateDecode /Length ${data.length} >>\nstream\n`, 'latin1'));
    push(data);
    push(Buffer.from('\nendstream\nendobj\n', 'latin1'));
  });
  const xref = length;
  const rows = offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  push(Buffer.from(`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${rows}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailer}>>\nstartxref\n${xref}\n%%EOF\n`, 'latin1'));
  return new Uint8Array(Buffer.concat(parts));
}
