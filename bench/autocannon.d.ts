// The subset of autocannon's API the benchmarks use (no @types package is installed).
declare module 'autocannon' {
  type Histogram = { average: number; mean: number; p50: number; p90: number; p99: number; max: number; total: number }
  type Result = {
    requests: Histogram
    latency: Histogram
    errors: number
    non2xx: number
    timeouts: number
    statusCodeStats: Record<string, { count: number }>
  }
  export default function autocannon(options: { url: string; connections?: number; duration?: number; headers?: Record<string, string> }): Promise<Result>
}
