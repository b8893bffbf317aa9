import http from 'node:http'
import { describe, expect, it } from 'vitest'
import { startServer } from '../support/server.ts'

describe('stopping the server', () => {
  it('finishes the request in flight on a busy keep-alive connection, closes it, and exits 0 within a few seconds', async () => {
    const server = await startServer()
    const { hostname, port } = new URL(server.url)
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
    const answers: Array<{ status: number; connection: string | undefined }> = []
    const failures: string[] = []
    let stopAsked = false
    let inFlightAtStop = false

    // One client posting as fast as it can on one keep-alive connection.
    const post = () =>
      new Promise<void>((resolve) => {
        const sentAfterStop = stopAsked
        const request = http.request(
          { agent, hostname, port, method: 'POST', path: '/login', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: server.url } },
          (response) => {
            response.resume()
            response.on('end', () => {
              answers.push({ status: response.statusCode ?? 0, connection: response.headers.connection })
              resolve()
            })
          },
        )
        request.on('error', (error: NodeJS.ErrnoException) => {
          // After the stop the listener is gone, so a new connection is refused: that is expected.
          // A request that was sent before the stop must never be cut.
          if (!(sentAfterStop && error.code === 'ECONNREFUSED')) failures.push(`${error.code}: ${error.message}`)
          resolve()
        })
        request.end('email=')
      })
    const hammer = (async () => {
      while (!stopAsked || answers.length === 0) await post()
      // Keep going after the stop: the connection must be closed by the server, not by us.
      for (let i = 0; i < 20 && failures.length === 0; i++) {
        inFlightAtStop = true
        await post()
      }
    })()

    while (answers.length < 20) await new Promise((resolve) => setTimeout(resolve, 20))
    stopAsked = true
    const { code, ms } = await server.stop()
    await hammer
    agent.destroy()

    expect(inFlightAtStop).toBe(true)
    expect(failures).toEqual([])
    expect(answers.every((answer) => answer.status === 400)).toBe(true)
    expect(answers.some((answer) => answer.connection === 'close')).toBe(true)
    expect(code).toBe(0)
    expect(ms).toBeLessThan(5_000)
    expect(server.output()).not.toContain('forced exit')
  }, 60_000)
})
