import type { PatientDocument } from './records.js';

/** The bytes the sandbox serves for a document, and the Content-Type they go out with. */
export interface DocumentFile {
  contentType: string;
  content: Buffer;
}

const DISCLAIMER = 'Synthetic document from the Jump sandbox; it describes no real person.';
const LINE_WIDTH = 80;
const MAX_LINES = 40;

/**
 * A small file standing in for the upload Jump would hold: a one-page PDF for `application/pdf`,
 * plain text for `text/*`. The sandbox cannot fake other formats convincingly, so for those it
 * serves a text note saying so rather than bytes that claim a type they are not.
 */
export function documentFile(document: PatientDocument): DocumentFile {
  const lines = [
    document.title,
    `Document type: ${document.document_type}`,
    `Filed: ${document.created_at.slice(0, 10)}`,
    ...(document.description ? ['', document.description] : []),
    '',
    DISCLAIMER,
  ];
  if (document.mime_type === 'application/pdf') {
    return { contentType: 'application/pdf', content: pdfOf(lines) };
  }
  if (document.mime_type.startsWith('text/')) {
    return { contentType: `${document.mime_type}; charset=utf-8`, content: textOf(lines) };
  }
  const note = `The sandbox holds no ${document.mime_type} file; only PDF and text are synthesised.`;

  return { contentType: 'text/plain; charset=utf-8', content: textOf([...lines, '', note]) };
}

function textOf(lines: readonly string[]): Buffer {
  return Buffer.from(`${lines.join('\n')}\n`, 'utf8');
}

/** A valid single-page PDF 1.4 showing `lines` in Helvetica, with an exact cross-reference table. */
function pdfOf(lines: readonly string[]): Buffer {
  const text = lines
    .flatMap((line) => wrap(line.replace(/[^\x20-\x7e]/g, '?')))
    .slice(0, MAX_LINES)
    .map((line) => `(${line.replace(/[\\()]/g, '\\$&')}) Tj T*`)
    .join('\n');
  const stream = `BT\n/F1 11 Tf\n14 TL\n72 770 Td\n${text}\nET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
  ];
  let body = '%PDF-1.4\n';
  const offsets = objects.map((object, index) => {
    const offset = body.length;
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;

    return offset;
  });
  const xref = [
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`,
    ...offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`),
  ].join('');
  const trailer = `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${body.length}\n%%EOF\n`;

  // Every character is ASCII, so string lengths are byte offsets.
  return Buffer.from(body + xref + trailer, 'latin1');
}

function wrap(line: string): string[] {
  if (line.length <= LINE_WIDTH) return [line];

  const wrapped: string[] = [];
  let current = '';
  for (const word of line.split(' ')) {
    if (current && current.length + word.length + 1 > LINE_WIDTH) {
      wrapped.push(current);
      current = '';
    }
    current = current ? `${current} ${word}` : word;
    while (current.length > LINE_WIDTH) {
      wrapped.push(current.slice(0, LINE_WIDTH));
      current = current.slice(LINE_WIDTH);
    }
  }
  wrapped.push(current);

  return wrapped;
}
