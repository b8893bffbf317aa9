import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client'

/**
 * Samling's Prometheus metrics (docs/operations.md lists them, ADR 0033 says why these). One
 * registry per process, in the app bundle only: server.ts records requests through
 * entry.server's `recordRequest` and answers /metrics with `renderMetrics` (app/metrics/scrape.server.ts),
 * so no second copy of these objects exists in build/server.js. The names are a contract with
 * dashboards, alerts and bench/: never rename one.
 */
export const registry = new Registry()
collectDefaultMetrics({ register: registry })

/** Every answer, by route pattern (never the raw URL: its cardinality would be unbounded), method and status. */
export const httpRequests = new Counter({
  name: 'samling_http_requests_total',
  help: 'HTTP answers by route pattern, method and status.',
  labelNames: ['route', 'method', 'status'] as const,
  registers: [registry],
})

/** Time to the answer's last byte; up to 30 s (a registration rush queues for seconds, see operations-registration.md). */
export const httpDuration = new Histogram({
  name: 'samling_http_request_duration_seconds',
  help: 'Time from the request to the last byte of its answer, by route pattern and method.',
  labelNames: ['route', 'method'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [registry],
})

/** What this process's mail worker did (a separate `npm run worker` counts its own, unscraped). */
export const mailMetrics = {
  sent: new Counter({ name: 'samling_mail_sent_total', help: "Messages this process's mail worker handed to the relay or mailbox.", registers: [registry] }),
  sendFailures: new Counter({
    name: 'samling_mail_send_failures_total',
    help: "Send attempts of this process's mail worker that failed (retried later or given up).",
    registers: [registry],
  }),
}

/** Read from the database at every scrape (app/metrics/scrape.server.ts): the same on every instance. */
export const databaseGauges = {
  up: new Gauge({ name: 'samling_database_up', help: '1 when the scrape could read the database, 0 when it could not.', registers: [registry] }),
  outboxQueued: new Gauge({ name: 'samling_outbox_queued', help: 'Mail waiting to be sent (due, scheduled or in backoff).', registers: [registry] }),
  outboxOldestAge: new Gauge({
    name: 'samling_outbox_oldest_queued_age_seconds',
    help: 'Seconds the oldest mail has been waiting since it became due (since it was queued, for mail that failed before); 0 when none waits.',
    registers: [registry],
  }),
  outboxRetrying: new Gauge({
    name: 'samling_outbox_retrying',
    help: 'Queued mail that failed at least once and waits for its next attempt.',
    registers: [registry],
  }),
  outboxFailed: new Gauge({ name: 'samling_outbox_failed', help: 'Mail the worker gave up on (until an organizer retries it).', registers: [registry] }),
  registrationsLastMinute: new Gauge({
    name: 'samling_registrations_last_minute',
    help: 'Registrations created in the last 60 seconds.',
    registers: [registry],
  }),
}

/** This process's database connections: pg's pool on PostgreSQL, the embedded database's one connection. */
export const poolConnections = new Gauge({
  name: 'samling_db_pool_connections',
  help: "This process's database connections (total, idle) and queries waiting for one.",
  labelNames: ['state'] as const,
  registers: [registry],
})
