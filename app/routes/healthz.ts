import { json } from '@remix-run/node'
import { databaseHealth } from '~/health.server.ts'

export async function loader() {
  const health = await databaseHealth()
  return json(health.ok ? { status: 'ok', db: health.mode } : { status: 'unavailable', db: health.mode }, {
    status: health.ok ? 200 : 503,
    headers: { 'Cache-Control': 'no-store' },
  })
}
