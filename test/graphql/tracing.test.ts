import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYS, startStack } from '../support/stack.js';
import type { Stack } from '../support/stack.js';

const exporter = new InMemorySpanExporter();
const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
let stack: Stack;

beforeAll(async () => {
  trace.setGlobalTracerProvider(provider);
  stack = await startStack();
});
afterAll(async () => {
  await stack.close();
  await provider.shutdown();
  trace.disable();
});

describe('tracing, when a tracer provider is registered', () => {
  it('records a span per operation with its upstream calls as children, and no key or id', async () => {
    const id = stack.sandbox.store.patients[4]!.id;
    exporter.reset();
    await stack.query(
      `query Traced($id: ID!) { patient(id: $id) { id consultations(first: 1) { totalCount } } }`,
      {
        variables: { id },
      },
    );
    await stack.query(`query Refused { patients { totalCount } }`, { key: KEYS.noscope });
    const spans = exporter.getFinishedSpans();
    const traced = spans.find((span) => span.name === 'graphql Traced')!;
    const children = spans.filter(
      (span) => span.parentSpanContext?.spanId === traced.spanContext().spanId,
    );
    const refused = spans.find((span) => span.name === 'graphql Refused')!;

    expect(children.map((span) => span.name).sort()).toEqual([
      'GET /consultations',
      'GET /patients/{id}',
    ]);
    expect(children.every((span) => span.attributes['http.response.status_code'] === 200)).toBe(
      true,
    );
    expect(refused.attributes['graphql.error_codes']).toEqual(['FORBIDDEN']);
    expect(refused.status.code).toBe(2);
    expect(JSON.stringify(spans.map((span) => span.attributes))).not.toMatch(
      new RegExp(`${id}|pk_test`),
    );
  });
});
