// HTTP vocabulary the format accepts and the editor offers.
import type { HttpMethod } from './model';

export const HTTP_METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

export function asHttpMethod(word: string): HttpMethod | undefined {
  const upper = word.toUpperCase();
  return (HTTP_METHODS as readonly string[]).includes(upper) ? (upper as HttpMethod) : undefined;
}

export const COMMON_HEADERS: readonly string[] = [
  'Accept',
  'Accept-Encoding',
  'Accept-Language',
  'Authorization',
  'Cache-Control',
  'Connection',
  'Content-Type',
  'Cookie',
  'If-Match',
  'If-None-Match',
  'Origin',
  'Referer',
  'User-Agent',
  'X-Request-Id',
  'X-Requested-With',
];

/**
 * Request-line methods of other tools' protocols (httpYac, JetBrains): read, so the file stays
 * valid, but skipped under load, which measures HTTP requests only.
 */
export const SKIPPED_PROTOCOLS: ReadonlySet<string> = new Set(['GRPC', 'WS', 'WEBSOCKET', 'SSE', 'EVENTSOURCE', 'MQTT', 'AMQP', 'KAFKA', 'RABBITMQ', 'GRAPHQL']);
