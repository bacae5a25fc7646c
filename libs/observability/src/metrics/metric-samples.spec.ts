import { metricFamilies, metricValue, parseMetricSamples } from './metric-samples';

const TEXT = `# HELP polyshop_events_consumed_total Settled deliveries
# TYPE polyshop_events_consumed_total counter
polyshop_events_consumed_total{subject="order.placed.v1",consumer="a",outcome="PROCESSED",service="s"} 3
polyshop_events_consumed_total{subject="order.placed.v1",consumer="b",outcome="PROCESSED",service="s"} 2
polyshop_events_consumed_total{subject="order.placed.v1",consumer="a",outcome="DUPLICATE",service="s"} 1
# TYPE process_start_time_seconds gauge
process_start_time_seconds 1700000000
`;

describe('metric samples', () => {
  it('parses names, labels (escapes included) and values', () => {
    expect(parseMetricSamples('m{a="x\\"y",b="1"} 2.5\n')).toEqual([
      { name: 'm', labels: { a: 'x"y', b: '1' }, value: 2.5 },
    ]);
  });

  it('sums the samples whose labels include the ones asked for, 0 when none match', () => {
    const name = 'polyshop_events_consumed_total';

    expect(metricValue(TEXT, name, { outcome: 'PROCESSED' })).toBe(5);
    expect(metricValue(TEXT, name, { consumer: 'a', outcome: 'DUPLICATE' })).toBe(1);
    expect(metricValue(TEXT, name, { outcome: 'RETRIED' })).toBe(0);
    expect(metricValue(TEXT, 'process_start_time_seconds')).toBe(1700000000);
  });

  it('lists the families', () => {
    expect(metricFamilies(TEXT)).toEqual([
      'polyshop_events_consumed_total',
      'process_start_time_seconds',
    ]);
  });
});
