import { db, databaseMode, type DatabaseMode } from './db/client.server.ts'

/** Whether the database answers within 2 s. */
export async function databaseHealth(): Promise<{ ok: boolean; mode: DatabaseMode | 'unknown' }> {
  let mode: DatabaseMode | 'unknown' = 'unknown'
  try {
    mode = databaseMode()
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000).unref())
    await Promise.race([db.$queryRaw`SELECT 1`, timeout])
    return { ok: true, mode }
  } catch {
    return { ok: false, mode }
  }
}
