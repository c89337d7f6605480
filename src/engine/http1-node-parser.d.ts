// Types for Node's own HTTP/1 parser binding (llhttp, native), the one node:http uses. It is not a
// public module: http1-parser.ts loads it behind a self-test and falls back to undici without it.
declare module '_http_common' {
  export class HTTPParser {
    static readonly REQUEST: number;
    static readonly RESPONSE: number;
    static readonly kOnMessageBegin: number;
    static readonly kOnHeaders: number;
    static readonly kOnHeadersComplete: number;
    static readonly kOnBody: number;
    static readonly kOnMessageComplete: number;
    static readonly kLenientNone: number;
    initialize(type: number, resource: object, maxHeaderSize?: number, lenient?: number): void;
    /** Bytes parsed, or the parse error. */
    execute(data: Buffer): number | Error;
    /** End of input (the server closed): completes a body that runs until close, or errors. */
    finish(): Error | undefined;
    [callback: number]: unknown;
  }
}
