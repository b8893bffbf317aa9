import path from 'node:path'
import { defineConfig } from 'vitest/config'

// vitest 5's reporter calls Map.groupBy (Node ≥ 21); this machine runs Node 20.
if (typeof (Map as { groupBy?: unknown }).groupBy !== 'function') {
  ;(Map as unknown as { groupBy: (items: Iterable<unknown>, key: (item: unknown, i: number) => unknown) => Map<unknown, unknown[]> }).groupBy = (
    items,
    key,
  ) => {
    const groups = new Map<unknown, unknown[]>()
    let i = 0
    for (const item of items) {
      const k = key(item, i++)
      const group = groups.get(k)
      if (group) group.push(item)
      else groups.set(k, [item])
    }
    return groups
  }
}

export default defineConfig({
  resolve: { alias: { '~': path.resolve('app') } },
  test: {
    environment: 'node',
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    maxWorkers: 2,
    // Browser journeys start their own server and Chromium; keep them from fighting for the 2 cores.
    sequence: { groupOrder: 0 },
  },
})
