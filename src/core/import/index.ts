// Imports: cURL commands, HAR recordings, OpenAPI documents and Postman collections become
// `*.load.http` scenarios. Pure conversions (no I/O); src/cli/commands/import.ts reads and writes.
export { ImportError, type ImportOutput, type SideFile } from './model';
export { importCurl, type CurlImportOptions } from './curl';
export { importHar, type HarImportOptions } from './har';
export { importOpenApi, type OpenApiImportOptions } from './openapi';
export { parseOpenApiText } from './openapi-source';
export { importPostman, type PostmanImportOptions } from './postman';
export { curlRequestBlock, looksLikeCurl, type CurlPasteOptions } from './curl-paste';
export { convertHttpFile, loadDirectives, singleRequestScenario, type ChosenLoad } from './http-file';
export type { RequestBlockOutput } from './write-scenario';
