// Node's own HTTP/1 parser (llhttp, native), behind a start-up self-test. It is a private module
// (`_http_common`), so a Node or Electron that lacks it, or whose binding behaves differently from
// what http1-transport.ts relies on, must not break a run: `http://` then goes through undici like
// `https://` (http-client.ts). LOADLENS_HTTP_TRANSPORT=undici forces that fallback (the engine
// tests run once through it: test/engine/undici-fallback.test.ts).

import { createRequire } from 'node:module';
import type { HTTPParser as HTTPParserClass } from '_http_common';

export type Http1ParserClass = typeof HTTPParserClass;

/** What the self-test feeds the parser: a header split across reads, a chunked body, two answers. */
const SAMPLE = [
  'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nx-a: 1\r\ntransfer-en',
  'coding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\nHTTP/1.1 404 Not Found\r\ncontent-length: 2\r\nconnection: close\r\n\r\nno',
];

function load(): Http1ParserClass {
  // Loaded at run time, not imported: a missing module must be a fallback, not a crash at load time.
  return (createRequire(__filename)('_http_common') as { HTTPParser: Http1ParserClass }).HTTPParser;
}

/** Undefined when the parser behaves as http1-transport.ts expects; else what went wrong. */
function selfTest(HTTPParser: Http1ParserClass): string | undefined {
  const seen: string[] = [];
  const parser = new HTTPParser();
  parser.initialize(HTTPParser.RESPONSE, {}, 0, HTTPParser.kLenientNone);
  parser[HTTPParser.kOnMessageBegin] = () => seen.push('begin');
  parser[HTTPParser.kOnHeaders] = (headers: string[]) => seen.push(`headers ${headers.join(',')}`);
  parser[HTTPParser.kOnHeadersComplete] = (...args: unknown[]) => {
    const [, , headers, , , status, , , keepAlive] = args as [number, number, string[] | undefined, unknown, unknown, number, unknown, boolean, boolean];
    seen.push(`status ${status} ${(headers ?? []).join(',')} ${keepAlive}`);
    return 0;
  };
  const bodies: Buffer[] = [];
  parser[HTTPParser.kOnBody] = (chunk: Buffer) => {
    bodies.push(chunk);
    seen.push('body');
  };
  parser[HTTPParser.kOnMessageComplete] = () => seen.push('complete');
  // Every part goes through one buffer, overwritten after each parse, as the transport reads
  // (http1-transport.ts READ_BUFFER): a header split across reads and the body chunks handed
  // over must not point into it.
  const input = Buffer.alloc(Math.max(...SAMPLE.map((part) => part.length)));
  for (const part of SAMPLE) {
    const length = input.write(part, 'latin1');
    const outcome = parser.execute(input.subarray(0, length));
    input.fill(0x2a);
    if (outcome instanceof Error) return `parse error ${String((outcome as NodeJS.ErrnoException).code)}`;
  }
  const expected = [
    'begin', 'status 100  true', 'complete',
    'begin', 'status 200 x-a,1,transfer-encoding,chunked true', 'body', 'complete',
    'begin', 'status 404 content-length,2,connection,close false', 'body', 'complete',
  ];
  if (seen.join('|') !== expected.join('|')) return `unexpected callbacks: ${seen.join('|')}`;
  const bodyText = bodies.map((chunk) => chunk.toString('latin1')).join('|');
  if (bodyText !== 'abc|no') return `body chunks changed with the input buffer: ${bodyText}`;
  // A callback returning -1 must make the parse fail (http1-transport.ts refuses bad statuses so).
  const refusing = new HTTPParser();
  refusing.initialize(HTTPParser.RESPONSE, {}, 0, HTTPParser.kLenientNone);
  refusing[HTTPParser.kOnHeadersComplete] = () => -1;
  if (!(refusing.execute(Buffer.from('HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n')) instanceof Error)) return 'a refusing callback did not fail the parse';
  return undefined;
}

export interface Http1ParserChoice {
  /** The parser to use; undefined: send `http://` through undici. */
  parser: Http1ParserClass | undefined;
  /** Why the fallback is used (undefined when it was asked for, or not used). */
  problem: string | undefined;
}

export function chooseHttp1Parser(env: NodeJS.ProcessEnv = process.env): Http1ParserChoice {
  if (env.LOADLENS_HTTP_TRANSPORT === 'undici') return { parser: undefined, problem: undefined };
  try {
    const parser = load();
    const problem = selfTest(parser);
    return problem ? { parser: undefined, problem } : { parser, problem: undefined };
  } catch (error) {
    return { parser: undefined, problem: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Node's parser for `http://`, when its self-test passes; else undici serves `http://` too. Chosen
 * by the first HttpClient (http-client.ts), not when the module loads: the extension host loads it for Send
 * Request (src/engine/send-once.ts) and must not pay for the self-test on activation.
 */
let http1Choice: Http1ParserClass | null | undefined;

export function http1Parser(): Http1ParserClass | undefined {
  if (http1Choice === undefined) {
    const choice = chooseHttp1Parser();
    if (choice.problem) process.stderr.write(`loadlens engine: http:// goes through undici (Node's HTTP parser failed its self-test: ${choice.problem})\n`);
    http1Choice = choice.parser ?? null;
  }
  return http1Choice ?? undefined;
}
