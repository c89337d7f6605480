// The `{{$function ...}}` catalog, for diagnostics, hover and completion.
import type { SystemFunction } from './model';

export interface SystemVariableInfo {
  name: SystemFunction;
  syntax: string;
  summary: string;
  example: string;
}

export const SYSTEM_VARIABLES: readonly SystemVariableInfo[] = [
  { name: 'randomInt', syntax: '{{$randomInt MIN MAX}}', summary: 'A random integer in [MIN, MAX); without MIN MAX (JetBrains), in [0, 1000).', example: '{{$randomInt 1 100000}}' },
  { name: 'guid', syntax: '{{$guid}}', summary: 'A random UUID v4.', example: '{{$guid}}' },
  { name: 'uuid', syntax: '{{$uuid}}', summary: 'A random UUID v4 (same as $guid).', example: '{{$uuid}}' },
  {
    name: 'timestamp',
    syntax: '{{$timestamp [OFFSET UNIT]}}',
    summary: 'Unix time in seconds, optionally offset as in REST Client (units y, M, w, d, h, m, s, ms).',
    example: '{{$timestamp -1 d}}',
  },
  {
    name: 'datetime',
    syntax: '{{$datetime rfc1123|iso8601 [OFFSET UNIT]}}',
    summary: 'The current UTC time as ISO 8601, RFC 1123 or a custom format in quotes instead ("DD-MM-YYYY"; day.js tokens: YYYY, MM, DD, HH, mm, ss...), optionally offset.',
    example: '{{$datetime "DD-MM-YYYY" -1 d}}',
  },
  {
    name: 'localDatetime',
    syntax: '{{$localDatetime rfc1123|iso8601 [OFFSET UNIT]}}',
    summary: "As $datetime, in the run machine's time zone (REST Client).",
    example: '{{$localDatetime iso8601}}',
  },
  { name: 'isoTimestamp', syntax: '{{$isoTimestamp}}', summary: 'The current UTC time in ISO 8601 (JetBrains).', example: '{{$isoTimestamp}}' },
  { name: 'processEnv', syntax: '{{$processEnv NAME}}', summary: 'An environment variable of the run.', example: '{{$processEnv API_TOKEN}}' },
  { name: 'dotenv', syntax: '{{$dotenv NAME}}', summary: 'A variable from the .env file beside the scenario.', example: '{{$dotenv API_TOKEN}}' },
];

export const SYSTEM_FUNCTION_NAMES: readonly SystemFunction[] = SYSTEM_VARIABLES.map((info) => info.name);

export function isSystemFunction(name: string): name is SystemFunction {
  return (SYSTEM_FUNCTION_NAMES as readonly string[]).includes(name);
}
