/**
 * One machine-readable line per figure, for `npm run bench` (bench/run-all.ts collects them):
 *
 *   BENCH {"name":"pages / / p99 (copy)","value":12.3,"unit":"ms","target":"< 250","ok":true}
 *
 * `target` is the goal an issue or ADR gave for that figure (see docs/performance.md); a figure
 * without one is printed with ok = null. `ok` is decided here, from the target, so every bench
 * reads its targets the same way.
 */
import os from 'node:os'

export type Target = { op: '<' | '<=' | '>' | '>=' | '='; value: number }

export type Figure = { name: string; value: number; unit: string; target: string | null; ok: boolean | null }

function check(value: number, target: Target): boolean {
  switch (target.op) {
    case '<':
      return value < target.value
    case '<=':
      return value <= target.value
    case '>':
      return value > target.value
    case '>=':
      return value >= target.value
    case '=':
      return value === target.value
  }
}

/** Prints one BENCH line and returns the figure (with ok from the target, if any). */
export function figure(name: string, value: number, unit: string, target?: Target): Figure {
  const rounded = Number.isInteger(value) ? value : Number(value.toFixed(value < 10 ? 2 : 1))
  const result: Figure = {
    name,
    value: rounded,
    unit,
    target: target ? `${target.op === '=' ? '=' : target.op} ${target.value}` : null,
    ok: target ? check(value, target) : null,
  }
  console.log(`BENCH ${JSON.stringify(result)}`)
  return result
}

/** Shorthands for targets: at(least), below, exactly. */
export const atLeast = (value: number): Target => ({ op: '>=', value })
export const below = (value: number): Target => ({ op: '<', value })
export const atMost = (value: number): Target => ({ op: '<=', value })
export const exactly = (value: number): Target => ({ op: '=', value })

/** The machine the figures were taken on (other work on it changes them: print this beside them). */
export function machine(): string {
  const [one, five] = os.loadavg()
  return `${os.cpus().length} cores, load average ${one.toFixed(2)} (1 min) ${five.toFixed(2)} (5 min)`
}

/** Parses the BENCH lines out of a bench's output. */
export function parseFigures(output: string): Figure[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('BENCH {'))
    .map((line) => JSON.parse(line.slice('BENCH '.length)) as Figure)
}
