import http from 'node:http'
import net from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../support/server.ts'

// server.ts checks every request before Remix sees it (issue 7 §10): bad input is a short 4xx in
// both languages, never a 500 with a stack trace. These run against the built production server.
let server: RunningServer

beforeAll(async () => {
  server = await startServer()
}, 120_000)

afterAll(async () => {
  await server?.stop()
})

const BAD_REQUEST = 'Ogiltig förfrågan.\nInvalid request.\n'
const TOO_LARGE = 'Förfrågan är för stor (högst 1 MiB).\nThe request is too large (at most 1 MiB).\n'

/** One raw HTTP/1.1 exchange, for what fetch refuses to send (a broken Host, a bare Content-Length). */
function rawRequest(head: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(server.url)
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => socket.write(head))
    let text = ''
    socket.setEncoding('utf8')
    socket.on('data', (chunk) => {
      text += chunk
      const end = text.indexOf('\r\n\r\n')
      const length = /content-length: (\d+)/i.exec(text)?.[1]
      if (end !== -1 && length !== undefined && Buffer.byteLength(text.slice(end + 4)) >= Number(length)) socket.end()
    })
    socket.on('end', () => resolve({ status: Number(text.slice(9, 12)), body: text.slice(text.indexOf('\r\n\r\n') + 4) }))
    socket.on('error', reject)
  })
}

describe('bad input at the HTTP boundary', () => {
  it.each(['/?q=%00', '/archive?q=%00', '/en?q=%00', '/api/events?q=%00', '/organizer/%00', '/%E0%A4%A', '/%ED%A0%80', '/events/a%00b'])(
    '%s gets 400 with a short Swedish and English text',
    async (path) => {
      const response = await fetch(server.url + path)
      expect(response.status).toBe(400)
      expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8')
      expect(await response.text()).toBe(BAD_REQUEST)
    },
  )

  it('still serves a query that only looks like a NUL (%2500) and a percent-encoded path', async () => {
    expect((await fetch(`${server.url}/?q=%2500`)).status).toBe(200)
    expect((await fetch(`${server.url}/%61rchive`)).status).toBe(200)
  })

  it('answers TRACE with 405 and the methods it allows', async () => {
    const response = await rawRequest(`TRACE / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`)
    expect(response.status).toBe(405)
    expect(response.body).toBe('Metoden stöds inte här.\nThis method is not supported here.\n')
  })

  it.each(['[::1', 'a%00b', '', 'a b', 'localhost:99999', 'localhost:0'])('answers Host: %j with 400', async (host) => {
    const response = await rawRequest(`GET / HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`)
    expect(response.status).toBe(400)
  })

  it('answers a mailbox cookie that does not decode with 400', async () => {
    const response = await fetch(`${server.url}/dev/mailbox`, { headers: { Cookie: 'samling_mailbox=%zz' } })
    expect(response.status).toBe(400)
    expect(await response.text()).toBe(BAD_REQUEST)
  })
})

describe('request bodies', () => {
  it('refuses a Content-Length over 1 MiB with 413 before the body is sent', async () => {
    const response = await rawRequest(
      `POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${100 * 1024 * 1024}\r\n\r\n`,
    )
    expect(response.status).toBe(413)
    expect(response.body).toBe(TOO_LARGE)
  })

  it('lets a 10 MB upload reach a speaker page only with a session cookie: a stranger gets the 1 MiB limit', async () => {
    const head = (cookie: string) =>
      `POST /speaker/sessions/00000000-0000-4000-8000-000000000000 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary=x\r\n${cookie}Content-Length: ${10 * 1024 * 1024}\r\n\r\n`
    const stranger = await rawRequest(head(''))
    expect(stranger.status).toBe(413)
    expect(stranger.body).toBe(TOO_LARGE)
    // With a cookie the body is let in (the page then checks the session): the server waits for it instead of refusing.
    const { hostname, port } = new URL(server.url)
    const early = await new Promise<string>((resolve) => {
      const socket = net.connect(Number(port), hostname, () => socket.write(head('Cookie: samling_session=abc\r\n')))
      let text = ''
      socket.setEncoding('utf8')
      socket.on('data', (chunk) => (text += chunk))
      socket.on('error', () => resolve(text))
      setTimeout(() => {
        socket.destroy()
        resolve(text)
      }, 1000)
    })
    expect(early).toBe('')
  })

  it('a client that sends a 6 MB body at once still reads the 413, never a broken pipe (ten times)', async () => {
    const { hostname, port } = new URL(server.url)
    const body = Buffer.alloc(6 * 1024 * 1024, 'a')
    for (let i = 0; i < 10; i++) {
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = net.connect(Number(port), hostname)
        let received = ''
        socket.on('data', (chunk) => {
          received += chunk.toString('latin1')
          if (received.includes('\r\n\r\n')) socket.destroy()
        })
        socket.on('close', () => resolve(received))
        socket.on('error', (error) => (received ? resolve(received) : reject(error)))
        socket.write(`POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\n`)
        socket.end(body)
      })
      expect(answer.slice(0, 12)).toBe('HTTP/1.1 413')
    }
  })

  it('twenty clients at once that send 6 MB with Connection: close all read the 413', async () => {
    const { hostname, port } = new URL(server.url)
    const body = Buffer.alloc(6 * 1024 * 1024, 'a')
    const answers = await Promise.all(
      Array.from(
        { length: 20 },
        () =>
          new Promise<string>((resolve) => {
            const socket = net.connect(Number(port), hostname)
            let received = ''
            socket.on('data', (chunk) => (received += chunk.toString('latin1')))
            socket.on('close', () => resolve(received))
            socket.on('error', (error) => resolve(received || `error ${(error as NodeJS.ErrnoException).code}`))
            socket.write(
              `POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\n`,
            )
            socket.end(body)
          }),
      ),
    )
    expect(answers.map((answer) => answer.slice(0, 12))).toEqual(Array(20).fill('HTTP/1.1 413'))
  })

  it('refuses a chunked body with 413 as soon as it passes 1 MiB', async () => {
    const { hostname, port } = new URL(server.url)
    let sent = 0
    const status = await new Promise<number>((resolve, reject) => {
      const request = http.request({ hostname, port, method: 'POST', path: '/login', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } })
      let answered = false
      request.on('response', (response) => {
        answered = true
        response.resume()
        resolve(response.statusCode ?? 0)
      })
      request.on('error', (error) => (answered ? undefined : reject(error)))
      const chunk = Buffer.alloc(64 * 1024, 'a')
      const pump = () => {
        while (!answered && sent < 50 * 1024 * 1024) {
          sent += chunk.length
          if (!request.write(chunk)) return void request.once('drain', pump)
        }
        request.end()
      }
      pump()
    })
    expect(status).toBe(413)
    expect(sent).toBeLessThan(50 * 1024 * 1024)
  })

  it('still accepts an ordinary form', async () => {
    const response = await fetch(`${server.url}/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: server.url },
      body: 'email=anna%40example.org',
    })
    expect(response.status).toBeLessThan(400)
  })
})

describe('cross-site writes', () => {
  it('refuses an Origin with the right host but the other scheme', async () => {
    const { host } = new URL(server.url)
    for (const path of ['/login', '/logout']) {
      const response = await fetch(server.url + path, { method: 'POST', headers: { Origin: `https://${host}` }, redirect: 'manual' })
      expect(response.status, path).toBe(403)
      expect(await response.text()).toBe('Förfrågan kom från en annan webbplats och stoppades.\nThe request came from another website and was stopped.\n')
    }
    const same = await fetch(`${server.url}/logout`, { method: 'POST', headers: { Origin: `http://${host}` }, redirect: 'manual' })
    expect(same.status).not.toBe(403)
  })
})
