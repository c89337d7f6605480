// The one place that turns a draft into `*.load.http` text. Everything in a draft may come from
// an untrusted file, so each value is written only where it cannot become another line: comments
// and titles lose their line breaks, a header whose name or value could break the line is left
// out (and said so), and a body goes inline only when the parser reads it back byte for byte and
// no line of it could read as a separator, a file include, a check or a script; any other body
// goes to a side file that the scenario sends with `< ./file` (sent raw, never templated).

import { ImportError, type DraftBody, type DraftRequest, type ImportOutput, type ScenarioDraft, type SideFile } from './model';
import { SKIPPED_PROTOCOLS } from '../scenario/http';
import { LITERAL_BRACE_VARIABLE } from './template-text';

/** RFC 9110 token characters, without `#`: a header line starting with `#` reads as a comment. */
const HEADER_NAME = /^[!$%&'*+.^_`|~\w-]+$/;
/** What the request line accepts (src/core/scenario/request-line.ts), after upper-casing. */
const METHOD = /^[A-Z][A-Z0-9_-]+$/;
/** Anything that would end a line: C0 controls, DEL, NEL, the Unicode separators. */
const LINE_BREAKING = /[\u0000-\u0008\u000a-\u001f\u007f\u0085\u2028\u2029]/;
/** For comments and titles, also C1 controls and the marks that reorder text ("Trojan Source"). */
const LINE_BREAKING_ALL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]+/g;
/** Body lines that the parser (or another .http tool) would read as something other than body text. */
const SPECIAL_BODY_LINE = /^\s*(###|<|>|\?\?|#|\/\/|\{\{|\}\}|\/\*)/;

/** Text for a comment, title or directive argument: one line, whatever the source held. */
export function oneLine(text: string): string {
  return text.replace(LINE_BREAKING_ALL, ' ').trim();
}

/** A URL on the request line: no blank or control character may split or end it. */
export function safeUrl(url: string): string {
  return url.replace(/[\u0000-\u0020\u007f\u0085\u2028\u2029]/g, (char) => encodeURIComponent(char));
}

/** A method the scenario's request line takes and the engine sends (not WS, GRPC...). */
export function isSendableMethod(method: string): boolean {
  const upper = method.toUpperCase();
  return METHOD.test(upper) && !SKIPPED_PROTOCOLS.has(upper);
}

function canBeInline(text: string): boolean {
  if (text.trim() === '' || text.includes('\r') || LINE_BREAKING.test(text.replace(/[\n\t]/g, ''))) return false;
  // The parser drops trailing empty lines and a body must not start with one (it would end the headers twice).
  if (/\n\s*$/.test(text) || /^\s*\n/.test(text)) return false;
  return !text.split('\n').some((line) => SPECIAL_BODY_LINE.test(line));
}

interface Writer {
  lines: string[];
  sideFiles: SideFile[];
  notes: string[];
  sideFilePrefix: string;
}

/** A comment line; text that starts with `@` would read as a directive, so it is set off. */
export function commentLine(text: string): string {
  const flat = oneLine(text);
  return flat.startsWith('@') ? `# - ${flat}` : `# ${flat}`;
}

function note(writer: Writer, where: string, text: string, lines: string[]): void {
  lines.push(commentLine(`Not carried over: ${text}`));
  writer.notes.push(`${where}: ${oneLine(text)}`);
}

function bodyLines(writer: Writer, body: DraftBody, where: string): string[] {
  if (body.kind === 'text' && canBeInline(body.text)) return body.text.split('\n');
  const index = writer.sideFiles.length + 1;
  const bytes = body.kind === 'text' ? new TextEncoder().encode(unescapeLiteral(body.text)) : body.bytes;
  const extension = body.kind === 'text' ? 'txt' : body.extension.replace(/[^\w]/g, '') || 'bin';
  const name = `${writer.sideFilePrefix}.body-${index}.${extension}`;
  writer.sideFiles.push({ name, bytes });
  writer.notes.push(`${where}: its body is in ${name} beside the scenario (sent byte for byte with < ./${name}).`);
  return [`< ./${name}`];
}

/** A side file is sent raw, so a body moved there takes back the braces `literal()` escaped. */
function unescapeLiteral(text: string): string {
  return text.split(`{{${LITERAL_BRACE_VARIABLE}}}`).join('{');
}

function writeRequest(writer: Writer, request: DraftRequest, number: number, headerNotes: string[]): void {
  const title = request.title !== undefined ? oneLine(request.title) : '';
  const where = title ? `request ${number} (${title})` : `request ${number}`;
  const block: string[] = [title ? `### ${title}` : '###', ...(request.comments ?? []).map(commentLine)];
  for (const text of request.notes) note(writer, where, text, block);
  const method = request.method.toUpperCase();
  if (!isSendableMethod(method)) {
    // No block at all: comments after a previous request's body would join that body.
    note(writer, where, `the whole request: ${JSON.stringify(request.method)} is not an HTTP method`, headerNotes);
    return;
  }
  const headerLines: string[] = [];
  for (const header of request.headers) {
    if (!HEADER_NAME.test(header.name)) {
      note(writer, where, `header ${JSON.stringify(header.name)}: not a valid header name`, block);
    } else if (LINE_BREAKING.test(header.value)) {
      note(writer, where, `header ${header.name}: its value holds a line break or control character`, block);
    } else {
      headerLines.push(`${header.name}: ${header.value.trim()}`);
    }
  }
  for (const directive of request.directives) block.push(`# ${oneLine(directive)}`);
  block.push(`${method} ${safeUrl(request.url)}`, ...headerLines);
  if (request.body) block.push('', ...bodyLines(writer, request.body, where));
  writer.lines.push(...block, '');
}

/** Writes the draft; side files are named `${sideFilePrefix}.body-N.ext`. */
export function writeScenario(draft: ScenarioDraft, sideFilePrefix: string): ImportOutput {
  const writer: Writer = { lines: [], sideFiles: [], notes: [], sideFilePrefix: sideFilePrefix.replace(/[^\w.-]/g, '_') || 'imported' };
  for (const line of draft.intro) writer.lines.push(commentLine(line));
  if (draft.host !== undefined) writer.lines.push(`# @host ${oneLine(draft.host)}`);
  for (const directive of draft.directives) writer.lines.push(`# ${oneLine(directive)}`);
  const header = writer.lines;
  for (const text of draft.notes) note(writer, 'scenario', text, header);
  const requestLines: string[] = [];
  writer.lines = requestLines;
  draft.requests.forEach((request, index) => writeRequest(writer, request, index + 1, header));
  // A scenario without requests fails `check`: say why instead of writing one.
  if (requestLines.length === 0) throw new ImportError(`no request could be written: ${writer.notes.join('; ') || 'the source has none'}`);
  writer.lines = header;
  const variables = [...draft.variables];
  const usesBrace = [...requestLines, ...variables.map((v) => v.value), draft.host ?? ''].some((text) => text.includes(`{{${LITERAL_BRACE_VARIABLE}}}`));
  if (usesBrace) variables.push({ name: LITERAL_BRACE_VARIABLE, value: '{', comment: 'A literal { for text of the source that would otherwise read as a {{template}}.' });
  if (variables.length) header.push('');
  for (const variable of variables) {
    if (variable.comment) header.push(commentLine(variable.comment));
    header.push(`@${variable.name} = ${oneLine(variable.value)}`);
  }
  return { scenario: [...header, '', ...requestLines].join('\n'), sideFiles: writer.sideFiles, notes: writer.notes };
}

/** One request written to go into an existing scenario: its block, with the file variables it needs first. */
export interface RequestBlockOutput {
  /** Lines: `###`, the variables the request uses that `declared` lacks, the request. */
  text: string;
  sideFiles: SideFile[];
  notes: string[];
}

/**
 * The draft's requests as blocks to insert into a scenario that already declares `declared`
 * (variable names). The draft's header (intro, load, host) is not written: the scenario has its own.
 * Variables go inside the first block, above its request line, where a file variable may stand.
 */
export function writeRequestBlocks(draft: ScenarioDraft, sideFilePrefix: string, declared: ReadonlySet<string>): RequestBlockOutput {
  const writer: Writer = { lines: [], sideFiles: [], notes: [], sideFilePrefix: sideFilePrefix.replace(/[^\w.-]/g, '_') || 'imported' };
  const dropped: string[] = [];
  for (const text of draft.notes) note(writer, 'the request', text, dropped);
  draft.requests.forEach((request, index) => writeRequest(writer, request, index + 1, dropped));
  if (writer.lines.length === 0) throw new ImportError(`no request could be written: ${writer.notes.join('; ') || 'the source has none'}`);
  const variables = [...draft.variables];
  if (writer.lines.some((line) => line.includes(`{{${LITERAL_BRACE_VARIABLE}}}`))) variables.push({ name: LITERAL_BRACE_VARIABLE, value: '{' });
  const variableLines = variables
    .filter((variable) => !declared.has(variable.name))
    .flatMap((variable) => [...(variable.comment ? [commentLine(variable.comment)] : []), `@${variable.name} = ${oneLine(variable.value)}`]);
  const [first = '###', ...rest] = writer.lines;
  return { text: [first, ...dropped, ...variableLines, ...rest].join('\n'), sideFiles: writer.sideFiles, notes: writer.notes };
}
