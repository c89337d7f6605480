// The protocols that answered a request name: bits while counting (one OR per request, merged
// across workers and shards with OR), names in the result (docs/reports.md, "protocols").

export const PROTOCOL_BITS = { 'HTTP/1.1': 1, 'HTTP/2': 2 } as const;
export type ProtocolName = keyof typeof PROTOCOL_BITS;
export const PROTOCOL_NAMES = Object.keys(PROTOCOL_BITS) as ProtocolName[];

/** `3` -> `['HTTP/1.1', 'HTTP/2']`, in that order; unknown bits are ignored. */
export function protocolNames(bits: number): ProtocolName[] {
  return PROTOCOL_NAMES.filter((name) => (bits & PROTOCOL_BITS[name]) !== 0);
}
