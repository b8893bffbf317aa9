import { dataGeneration } from './db/generation.server.ts'

/**
 * A small in-process cache for what the public pages read (listing pages, event documents, filter
 * choices). An entry is used only while BOTH hold:
 *  - it is younger than `ttlMs` (a few seconds: other app instances on the same PostgreSQL, and
 *    time passing – "upcoming", registration windows – are noticed within that time), and
 *  - no write that can change public data has gone through this process's database client since the
 *    entry was loaded (`dataGeneration()` in db/generation.server.ts), so a change made here shows at once.
 *
 * Concurrent misses for one key share one load (50 visitors on `/` cost one query). Failed loads are
 * not kept. Never put per-visitor or per-session data in here. The cache holds at most `maxEntries`
 * keys; when full it forgets everything (cheap, and the keys are public URLs anyone can vary).
 */
export class PublicCache<V> {
  private entries = new Map<string, { generation: number; expires: number; value: Promise<V> }>()
  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 1_000,
  ) {}

  get(key: string, load: () => Promise<V>): Promise<V> {
    const now = Date.now()
    const generation = dataGeneration()
    const entry = this.entries.get(key)
    if (entry && entry.generation === generation && entry.expires > now) return entry.value
    if (this.entries.size >= this.maxEntries) this.entries.clear()
    const value = load()
    const stored = { generation, expires: now + this.ttlMs, value }
    this.entries.set(key, stored)
    value.catch(() => {
      if (this.entries.get(key) === stored) this.entries.delete(key)
    })
    return value
  }

  clear() {
    this.entries.clear()
  }

  get size() {
    return this.entries.size
  }
}
