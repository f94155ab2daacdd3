import type { PatientDocument } from './records.js';

/** The bytes the sandbox serves for a document, and how they go out. */
export interface DocumentFile {
  contentType: string;
  content: Buffer;
  /** `inline` only for the PDF and plain text the sandbox writes itself; else a download. */
  disposition: 'inline' | 'attachment';
  /** The name offered for saving: the document's, ending in `.pdf` or `.txt` when inline. */
  fileName: string;
}

const DISCLAIMER = 'Synthetic document from the Jump sandbox; it describes no real person.';
const LINE_WIDTH = 80;
const MAX_LINES = 40;

/**
 * A small file standing in for the upload Jump would hold: a one-page PDF for `application/pdf`,
 * plain text for `text/plain`, both shown inline. Any other type is never served as itself: a
 * caller may declare `text/html` over a title holding a script, and the sandbox would then be
 * serving that script from its own origin. Such a document downloads as
 * `application/octet-stream` holding a fixed note, with nothing the caller wrote in it, so even
 * a copy saved as `.html` runs nothing.
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
    return inline('application/pdf', pdfOf(lines), withExtension(document.file_name, '.pdf'));
  }
  if (document.mime_type === 'text/plain') {
    // Saved under a name of its own choosing, text with markup in it could open as a web page.
    const fileName = withExtension(document.file_name, '.txt');

    return inline('text/plain; charset=utf-8', textOf(lines), fileName);
  }
  // `mime_type` passed a check that allows no markup, and the id is generated.
  const note = [
    `The sandbox holds no ${document.mime_type} file for document ${document.id};`,
    'it synthesises only application/pdf and text/plain.',
  ];

  return {
    contentType: 'application/octet-stream',
    content: textOf([...note, '', DISCLAIMER]),
    disposition: 'attachment',
    fileName: document.file_name,
  };
}

function inline(contentType: string, content: Buffer, fileName: string): DocumentFile {
  return { contentType, content, disposition: 'inline', fileName };
}

function withExtension(fileName: string, extension: string): string {
  return fileName.toLowerCase().endsWith(extension) ? fileName : `${fileName}${extension}`;
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
