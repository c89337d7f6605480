// A multipart body written with `< ./file` part lines (REST Client, httpYac, JetBrains): each
// such line is replaced by the file's bytes, the other lines sent as written, joined with `\n`
// as every inline body is. Only for bodies without `{{ }}`: those are assembled once per run.
import type { RequestBody } from '../core/scenario';

type InlineBody = Extract<RequestBody, { kind: 'inline' }>;

/** True when the body has `< file` parts and no template reference, so one Buffer serves every request. */
export function isConstantMultipart(body: RequestBody | undefined): body is InlineBody {
  return body?.kind === 'inline' && (body.parts?.length ?? 0) > 0 && body.template.parts.every((part) => part.kind === 'text');
}

/** The body's bytes, `read` giving each part file's bytes (it enforces the allowed folders). */
export function assembleMultipart(body: InlineBody, read: (path: string) => Uint8Array): Buffer {
  const firstLine = body.range.start.line;
  const partAt = new Map((body.parts ?? []).map((part) => [part.range.start.line - firstLine, part.path]));
  const chunks: Uint8Array[] = [];
  body.template.raw.split('\n').forEach((line, index) => {
    if (index > 0) chunks.push(Buffer.from('\n'));
    const path = partAt.get(index);
    chunks.push(path === undefined ? Buffer.from(line) : read(path));
  });
  return Buffer.concat(chunks);
}
