/**
 * npm run bench — every benchmark and drill, one after another, then one table of every figure with
 * its target (the BENCH lines each script prints, bench/figures.ts). `npm run bench -- --write`
 * also writes that table, the machine and how to read it into docs/performance.md.
 *
 *   npm run bench                         build, then everything (≈ 20 min on 2 cores)
 *   npm run bench -- --only=pages,drill:smtp-outage   some steps
 *   npm run bench -- --quick              smaller sizes (a smoke run, not figures to quote)
 *   npm run bench -- --no-build           use the build/ that is there
 *
 * --write keeps the outcomes in docs/performance.json too; with --only it replaces just those steps
 * there (a step re-run later) and writes the table from the whole.
 *
 * PostgreSQL steps run when TEST_PG_URL / DATABASE_URL / 127.0.0.1:5432 answers; otherwise they are
 * listed as skipped. Each step has its own time limit, so the whole run is bounded.
 */
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import { parseFigures, type Figure } from './figures.ts'
import { POSTGRES_SERVER, postgresReachable } from './drills/support.ts'

type Step = { name: string; script: string; args?: string[]; env?: Record<string, string>; postgres?: boolean; limitMinutes: number }

const argv = process.argv.slice(2)
const quick = argv.includes('--quick')
const write = argv.includes('--write')
const only = argv
  .find((arg) => arg.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',')

// The page and feed benches measure 6 s per row after a 3 s warm-up here (their own default is 10 s)
// to keep the whole run near 20 minutes; BENCH_SECONDS overrides it.
const seconds = process.env.BENCH_SECONDS ?? (quick ? '2' : '6')
const small = quick
  ? {
      BENCH_EVENTS: '200',
      BENCH_REGISTRATIONS: '200',
      BENCH_SEATS: '20',
      BENCH_MAILS: '1000',
      BENCH_EXPORT_ROWS: '2000',
      DRILL_PEOPLE: '150',
      DRILL_SEATS: '40',
      DRILL_RECIPIENTS: '300',
      DRILL_MAILS: '300',
      DRILL_DOWN_AT: '80',
      DRILL_OUTAGE_SECONDS: '20',
    }
  : {}

const STEPS: Step[] = [
  { name: 'pages', script: 'bench/pages.ts', env: { BENCH_SECONDS: seconds }, limitMinutes: 8 },
  { name: 'feeds', script: 'bench/feeds.ts', env: { BENCH_SECONDS: seconds }, limitMinutes: 6 },
  { name: 'registrations', script: 'bench/registrations.ts', limitMinutes: 4 },
  { name: 'registrations (PostgreSQL)', script: 'bench/registrations.ts', postgres: true, limitMinutes: 4 },
  { name: 'outbox', script: 'bench/outbox.ts', limitMinutes: 4 },
  { name: 'outbox (PostgreSQL)', script: 'bench/outbox.ts', postgres: true, limitMinutes: 4 },
  { name: 'export', script: 'bench/export.ts', args: ['--expose-gc', '--max-old-space-size=192', '--max-semi-space-size=1'], limitMinutes: 4 },
  { name: 'boot', script: 'bench/boot.ts', limitMinutes: 3 },
  { name: 'drill:kill-registrations', script: 'bench/drills/kill-registrations.ts', limitMinutes: 6 },
  { name: 'drill:kill-bulk-mail', script: 'bench/drills/kill-bulk-mail.ts', limitMinutes: 8 },
  { name: 'drill:smtp-outage', script: 'bench/drills/smtp-outage.ts', limitMinutes: 6 },
  { name: 'drill:postgres-silent', script: 'bench/drills/postgres-silent.ts', postgres: true, limitMinutes: 3 },
  { name: 'drill:two-instances', script: 'bench/drills/two-instances.ts', postgres: true, limitMinutes: 5 },
]

type Outcome = { step: string; code: number | null | 'skipped' | 'timed out'; seconds: number; loadBefore: number; loadAfter: number; figures: Figure[] }

function runStep(step: Step, hasPostgres: boolean): Promise<Outcome> {
  const loadBefore = os.loadavg()[0]
  if (step.postgres && !hasPostgres) return Promise.resolve({ step: step.name, code: 'skipped', seconds: 0, loadBefore, loadAfter: loadBefore, figures: [] })
  const env: NodeJS.ProcessEnv = { ...process.env, ...small, ...step.env }
  // The bench scripts choose PostgreSQL by DATABASE_URL; the drills find it themselves.
  if (step.postgres && step.script.startsWith('bench/') && !step.script.includes('/drills/')) env.DATABASE_URL = POSTGRES_SERVER
  else if (!step.script.includes('/drills/')) delete env.DATABASE_URL
  const started = Date.now()
  console.log(`\n━━ ${step.name} (${step.script}) ━━ load average ${loadBefore.toFixed(2)}`)
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...(step.args ?? []), '--import', 'tsx', step.script], { env, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk
      process.stdout.write(chunk)
    })
    child.stderr.on('data', (chunk: Buffer) => process.stderr.write(chunk))
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      child.kill('SIGTERM')
      setTimeout(() => child.kill('SIGKILL'), 10_000).unref()
    }, step.limitMinutes * 60_000)
    child.on('exit', (code) => {
      clearTimeout(timer)
      resolve({
        step: step.name,
        code: timedOut ? 'timed out' : code,
        seconds: (Date.now() - started) / 1000,
        loadBefore,
        loadAfter: os.loadavg()[0],
        figures: parseFigures(output),
      })
    })
  })
}

const cell = (value: string) => value.replace(/\|/g, '\\|')
const shown = (figure: Figure) => `${figure.value.toLocaleString('en-US', { maximumFractionDigits: 2 })} ${figure.unit}`.trim()
const verdict = (figure: Figure) => (figure.ok === null ? '' : figure.ok ? 'ok' : 'NOT MET')

function markdown(outcomes: Outcome[], startedAt: Date, totalSeconds: number, rerun: string[]): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU'
  const lines = [
    '# Performance figures',
    '',
    '<!-- Written by `npm run bench -- --write` (bench/run-all.ts); edit the script, not this table. -->',
    '',
    `Latest full run: **${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC**, ${Math.round(totalSeconds / 60)} min, on ${os.cpus().length} cores (${cpu}),`,
    `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB RAM, Node ${process.version}. Load average at the start ${outcomes[0]?.loadBefore.toFixed(2) ?? '?'}, at the end ${os.loadavg()[0].toFixed(2)} (1 min).`,
    '',
    '## How to read this',
    '',
    '- `npm run bench` runs every benchmark (`bench/*.ts`) and drill (`bench/drills/*.ts`, ADR 0035) one after another',
    '  and prints this table; `npm run bench -- --write` writes it here. Each script prints one `BENCH {json}` line per',
    '  figure (`bench/figures.ts`); run one alone with `npm run bench:<name>` or `npm run drill:<name>`.',
    '- **target** is the goal an issue set for that figure (pages: issue 3 §8 for copies, issue 7 §9 for fresh renders;',
    '  feeds: issue 9; outbox: issue 4; registrations: issue 8 §9; export: issue 11; boot: issue 7; drills: issue 12 §3,',
    '  where every count of lost, duplicated or half-written things must be 0). A figure without a target is context.',
    '- **ok** says whether the figure met its target in this run. A drill exits non-zero when anything is lost or',
    '  duplicated; a benchmark exits non-zero on wrong results (lost mail, wrong seat counts), bench:export also when over its targets.',
    '- The machine is shared: other work runs beside the benchmarks (see the load average per step). Throughput and',
    '  latency figures taken at a load average above the core count are not comparable with a quiet machine; re-run',
    '  one step alone before quoting it. Counts (lost, duplicates, 5xx) do not depend on the load.',
    '- The page and feed benches ran 6 s per row here (their default is 10 s) to keep the run near 20 minutes.',
    ...(rerun.length ? [`- Re-run later on their own (${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC): ${rerun.join(', ')}.`] : []),
    '',
    '## Steps',
    '',
    '| step | exit | seconds | load avg before → after |',
    '| ---- | ---- | ------- | ----------------------- |',
    ...outcomes.map((o) => `| ${o.step} | ${o.code} | ${Math.round(o.seconds)} | ${o.loadBefore.toFixed(2)} → ${o.loadAfter.toFixed(2)} |`),
    '',
    '## Figures',
    '',
    '| name | figure | target | ok |',
    '| ---- | ------ | ------ | -- |',
    ...outcomes.flatMap((o) => o.figures.map((f) => `| ${cell(f.name)} | ${cell(shown(f))} | ${cell(f.target ?? '')} | ${verdict(f)} |`)),
    '',
  ]
  return lines.join('\n')
}

const startedAt = new Date()
if (!argv.includes('--no-build')) {
  console.log('npm run build …')
  const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' })
  if (build.status !== 0) process.exit(build.status ?? 1)
}
const hasPostgres = await postgresReachable()
const outcomes: Outcome[] = []
for (const step of STEPS) {
  if (only && !only.includes(step.name)) continue
  outcomes.push(await runStep(step, hasPostgres))
}
const totalSeconds = (Date.now() - startedAt.getTime()) / 1000

console.log(
  `\nnpm run bench — ${startedAt.toISOString()}, ${Math.round(totalSeconds)} s, ${os.cpus().length} cores, load average now ${os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' ')}`,
)
console.table(
  outcomes.map((o) => ({
    step: o.step,
    exit: o.code,
    seconds: Math.round(o.seconds),
    'load before': o.loadBefore.toFixed(2),
    'load after': o.loadAfter.toFixed(2),
  })),
)
console.table(outcomes.flatMap((o) => o.figures.map((f) => ({ name: f.name, figure: shown(f), target: f.target ?? '', ok: verdict(f) }))))
if (write) {
  type Kept = { startedAt: string; totalSeconds: number; outcomes: Outcome[] }
  const file = 'docs/performance.json'
  let kept: Kept = { startedAt: startedAt.toISOString(), totalSeconds, outcomes }
  if (only && fs.existsSync(file)) {
    const before = JSON.parse(fs.readFileSync(file, 'utf8')) as Kept
    const fresh = new Map(outcomes.map((o) => [o.step, o]))
    const merged = before.outcomes.map((o) => fresh.get(o.step) ?? o)
    for (const o of outcomes) if (!before.outcomes.some((b) => b.step === o.step)) merged.push(o)
    kept = { ...before, outcomes: merged }
  }
  fs.writeFileSync(file, JSON.stringify(kept, null, 1) + '\n')
  fs.writeFileSync('docs/performance.md', markdown(kept.outcomes, new Date(kept.startedAt), kept.totalSeconds, only ? outcomes.map((o) => o.step) : []))
  spawnSync('npx', ['prettier', '--write', 'docs/performance.md'], { stdio: 'ignore' })
  console.log('wrote docs/performance.md')
}
const failed = outcomes.filter((o) => o.code !== 0 && o.code !== 'skipped')
if (failed.length) {
  console.error(`steps that failed: ${failed.map((o) => `${o.step} (${o.code})`).join(', ')}`)
  process.exitCode = 1
}
