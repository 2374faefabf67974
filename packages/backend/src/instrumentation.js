// Loaded with --require before the backend starts (the start script in package.json and
// scripts/start-production.sh): Backstage's metrics service makes its instruments on the global
// meter provider, which must exist before any plugin starts. Prometheus scrapes
// http://localhost:9464/metrics; OTEL_EXPORTER_PROMETHEUS_PORT moves it.
const { isMainThread } = require('node:worker_threads');

// Backstage's Node transform runs the --require'd modules in its loader thread too, whose
// exporter would take the port and export nothing.
if (isMainThread) {
  const { metrics } = require('@opentelemetry/api');
  const { PrometheusExporter } = require('@opentelemetry/exporter-prometheus');
  const { MeterProvider } = require('@opentelemetry/sdk-metrics');

  // The exporter itself reads no environment (the OpenTelemetry Node SDK would read this one).
  const port = Number(process.env.OTEL_EXPORTER_PROMETHEUS_PORT) || undefined;

  metrics.setGlobalMeterProvider(
    new MeterProvider({ readers: [new PrometheusExporter({ port })] }),
  );
}
