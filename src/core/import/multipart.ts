// A multipart/form-data body as curl builds it for `-F`: CRLF line ends, a
// `Content-Disposition` per part, a `Content-Type` for file parts. The boundary is fixed
// (curl picks a random one) so that an imported scenario is the same on every import.

export const MULTIPART_BOUNDARY = '------------------------LoadlensImportBoundary';

export interface FormPart {
  name: string;
  /** Set for `name=@file`: the file's name as sent, and its bytes. */
  filename?: string;
  contentType?: string;
  bytes: Uint8Array;
}

const CONTENT_TYPES: Record<string, string> = {
  gif: 'image/gif',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  svg: 'image/svg+xml',
  txt: 'text/plain',
  htm: 'text/html',
  html: 'text/html',
  pdf: 'application/pdf',
  xml: 'application/xml',
};

/** The Content-Type curl gives a file part: from a short list of extensions, else octet-stream. */
export function fileContentType(filename: string): string {
  const extension = filename.includes('.') ? filename.slice(filename.lastIndexOf('.') + 1).toLowerCase() : '';
  return CONTENT_TYPES[extension] ?? 'application/octet-stream';
}

/** curl escapes `"` and CR/LF in a name or file name; a quoted string must not end early. */
function quoted(text: string): string {
  return text.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function multipartBody(parts: readonly FormPart[]): Uint8Array {
  const encoder = new TextEncoder();
  const chunks: Uint8Array[] = [];
  for (const part of parts) {
    let head = `--${MULTIPART_BOUNDARY}\r\nContent-Disposition: form-data; name="${quoted(part.name)}"`;
    if (part.filename !== undefined) head += `; filename="${quoted(part.filename)}"`;
    head += '\r\n';
    if (part.contentType !== undefined) head += `Content-Type: ${part.contentType.replace(/[\r\n]/g, '')}\r\n`;
    chunks.push(encoder.encode(`${head}\r\n`), part.bytes, encoder.encode('\r\n'));
  }
  chunks.push(encoder.encode(`--${MULTIPART_BOUNDARY}--\r\n`));
  const total = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.length;
  }
  return body;
}
