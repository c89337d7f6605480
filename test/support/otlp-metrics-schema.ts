// The part of the OTLP metrics export message that test/cli/live-metrics.test.ts reads, written
// here as a schema of our own (field numbers as the OTLP protocol defines them). protobufjs skips
// the fields left out (exemplars, histograms, metadata), so a full export still decodes.
import * as protobuf from 'protobufjs';

const SCHEMA = `
syntax = "proto3";
package otlp.subset;

message ExportMetricsServiceRequest { repeated ResourceMetrics resource_metrics = 1; }
message ExportMetricsServiceResponse {}
message ResourceMetrics { Resource resource = 1; repeated ScopeMetrics scope_metrics = 2; string schema_url = 3; }
message Resource { repeated KeyValue attributes = 1; uint32 dropped_attributes_count = 2; }
message ScopeMetrics { InstrumentationScope scope = 1; repeated Metric metrics = 2; string schema_url = 3; }
message InstrumentationScope { string name = 1; string version = 2; }
message Metric {
  string name = 1;
  string description = 2;
  string unit = 3;
  oneof data { Gauge gauge = 5; Sum sum = 7; }
}
message Gauge { repeated NumberDataPoint data_points = 1; }
message Sum { repeated NumberDataPoint data_points = 1; int32 aggregation_temporality = 2; bool is_monotonic = 3; }
message NumberDataPoint {
  repeated KeyValue attributes = 7;
  fixed64 start_time_unix_nano = 2;
  fixed64 time_unix_nano = 3;
  oneof value { double as_double = 4; sfixed64 as_int = 6; }
}
message KeyValue { string key = 1; AnyValue value = 2; }
message AnyValue { oneof value { string string_value = 1; bool bool_value = 2; int64 int_value = 3; double double_value = 4; } }
`;

/** The request and response types of an OTLP/HTTP metrics export, for decoding in tests. */
export function otlpMetricsTypes(): { Request: protobuf.Type; Response: protobuf.Type } {
  const root = protobuf.parse(SCHEMA, { keepCase: false }).root;
  return {
    Request: root.lookupType('otlp.subset.ExportMetricsServiceRequest'),
    Response: root.lookupType('otlp.subset.ExportMetricsServiceResponse'),
  };
}
