import { describe, expect, it } from 'vitest'
import { disconnectDatabase } from '../../app/db/client.server.ts'
import { loader } from '../../app/routes/healthz.ts'
import { useTestDatabase } from '../support/database.ts'

useTestDatabase()

describe('/healthz', () => {
  it('answers 200 with the database mode while the database answers, and 503 once it is gone', async () => {
    const up = await loader()
    expect(up.status).toBe(200)
    expect(await up.json()).toEqual({ status: 'ok', db: process.env.DATABASE_URL ? 'postgres' : 'embedded' })
    expect(up.headers.get('Cache-Control')).toBe('no-store')

    await disconnectDatabase()
    const down = await loader()
    expect(down.status).toBe(503)
    expect(((await down.json()) as { status: string }).status).toBe('unavailable')
  })
})
