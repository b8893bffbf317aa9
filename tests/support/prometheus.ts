// @ts-expect-error -- the package ships no types; its one function is typed below.
import parsePrometheusTextFormatUntyped from 'parse-prometheus-text-format'

export type PrometheusSample = { value?: string; labels?: Record<string, string>; buckets?: Record<string, string>; count?: string; sum?: string }
export type PrometheusFamily = { name: string; help: string; type: 'COUNTER' | 'GAUGE' | 'HISTOGRAM' | 'SUMMARY' | 'UNTYPED'; metrics: PrometheusSample[] }

const parsePrometheusTextFormat = parsePrometheusTextFormatUntyped as (text: string) => PrometheusFamily[]

/** A scrape parsed by a real Prometheus text-format parser, with lookups by name and labels. */
export function parseMetrics(text: string) {
  const families = new Map(parsePrometheusTextFormat(text).map((family) => [family.name, family]))
  const samples = (name: string, labels: Record<string, string> = {}) =>
    (families.get(name)?.metrics ?? []).filter((sample) => Object.entries(labels).every(([key, value]) => sample.labels?.[key] === value))
  return {
    families,
    /** The sum of the matching samples' values (0 when none matches: a counter not yet counted). */
    value(name: string, labels: Record<string, string> = {}): number {
      return samples(name, labels).reduce((sum, sample) => sum + Number(sample.value ?? sample.count ?? 0), 0)
    },
    samples,
  }
}
