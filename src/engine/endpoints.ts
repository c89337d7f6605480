// Requests grouped into endpoints, Locust's rows: one per (method, stats name), in request order.
// Both the main thread and the workers compute it from the scenario, so indexes agree.

import type { EndpointKey } from '../core/metrics/aggregator';
import type { CheckKey } from '../core/metrics/check-counts';
import type { Scenario } from '../core/scenario/model';

export interface EndpointMap {
  endpoints: EndpointKey[];
  /** Endpoint index of each request, by request index. */
  ofRequest: number[];
}

export function endpointMap(scenario: Scenario): EndpointMap {
  const endpoints: EndpointKey[] = [];
  const byKey = new Map<string, number>();
  const ofRequest = scenario.requests.map((request) => {
    const key = `${request.method} ${request.statsName}`;
    let index = byKey.get(key);
    if (index === undefined) {
      index = endpoints.push({ method: request.method, name: request.statsName }) - 1;
      byKey.set(key, index);
    }
    return index;
  });
  return { endpoints, ofRequest };
}

/** Every `??` check of the scenario, numbered in request order then line order (as compile-requests.ts numbers them). */
export function checkKeys(scenario: Scenario): CheckKey[] {
  return scenario.requests.flatMap((request) =>
    (request.checks ?? []).map((check) => ({ name: request.statsName, method: request.method, line: check.range.start.line + 1, check: check.text })),
  );
}
