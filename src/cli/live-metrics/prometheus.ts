// `--out prometheus=URL`: Prometheus remote write 1.0 (a snappy-compressed protobuf WriteRequest
// POSTed to the receiver, e.g. http://127.0.0.1:9090/api/v1/write). The message shapes are those
// of Prometheus' prompb/remote.proto and prompb/types.proto, declared here for protobufjs;
// snappyjs gives the block format the protocol asks for, without a native module.
import * as protobuf from 'protobufjs/light';
import { compress } from 'snappyjs';
import type { LiveBatch } from '../../core/metrics/live-samples';
import { splitCredentials } from './credentials';

const root = protobuf.Root.fromJSON({
  nested: {
    prometheus: {
      nested: {
        WriteRequest: { fields: { timeseries: { rule: 'repeated', type: 'TimeSeries', id: 1 } } },
        TimeSeries: {
          fields: {
            labels: { rule: 'repeated', type: 'Label', id: 1 },
            samples: { rule: 'repeated', type: 'Sample', id: 2 },
          },
        },
        Label: { fields: { name: { type: 'string', id: 1 }, value: { type: 'string', id: 2 } } },
        Sample: { fields: { value: { type: 'double', id: 1 }, timestamp: { type: 'int64', id: 2 } } },
      },
    },
  },
});
const WriteRequest = root.lookupType('prometheus.WriteRequest');

/** The WriteRequest of one batch: one series per sample, labels sorted by name (`__name__` first). */
export function encodeWriteRequest(batch: LiveBatch): Uint8Array {
  const timeseries = batch.samples.map((sample) => ({
    // An empty value is no label in Prometheus (the aggregate's method): leave it out.
    labels: Object.entries<string>({ __name__: sample.metric, ...sample.labels })
      .filter(([, value]) => value !== '')
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, value]) => ({ name, value })),
    samples: [{ value: sample.value, timestamp: batch.timeMs }],
  }));
  return WriteRequest.encode(WriteRequest.fromObject({ timeseries })).finish();
}

export function createPrometheusDelivery(target: string, timeoutMs: number): (batch: LiveBatch) => Promise<void> {
  const { url, headers } = splitCredentials(target);
  return async (batch) => {
    const body = Buffer.from(compress(encodeWriteRequest(batch)));
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-protobuf',
        'Content-Encoding': 'snappy',
        'X-Prometheus-Remote-Write-Version': '0.1.0',
        'User-Agent': 'loadlens',
        ...headers,
      },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    }).catch((error: unknown) => {
      // fetch says only "fetch failed"; the reason (ECONNREFUSED, a timeout) is its cause.
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new Error(cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error)));
    });
    // Read the answer so the connection can be reused; its text explains a refusal.
    const text = await response.text();
    if (!response.ok) throw new Error(`HTTP ${response.status}${text ? `: ${text.trim().slice(0, 200)}` : ''}`);
  };
}
