import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'

export type SinkMessage = { raw: Buffer; messageId: string; to: string[]; receivedAt: number }

/**
 * A real SMTP server on 127.0.0.1:<random> that keeps every message it accepts (plain SMTP, no
 * STARTTLS, no AUTH needed). `failNext(n, code)` makes it refuse the next n messages at the end of
 * DATA with that reply code (451 = try later, 550 = permanent), like a relay under load.
 * `setDown(true)` makes it answer 421 (service not available) to every new connection and to every
 * command on open ones, like a relay that is down, until `setDown(false)`.
 */
export async function startSmtpSink() {
  const messages: SinkMessage[] = []
  let failuresLeft = 0
  let failureCode = 451
  let failureText: string | undefined
  let refused = 0
  let isDown = false
  let downAnswers = 0
  const unavailable = () => {
    downAnswers++
    return Object.assign(new Error('Service not available, closing transmission channel'), { responseCode: 421 })
  }
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 10 * 1024 * 1024,
    onConnect(_session, callback) {
      callback(isDown ? unavailable() : undefined)
    },
    onMailFrom(_address, _session, callback) {
      callback(isDown ? unavailable() : undefined)
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        if (isDown) return callback(unavailable())
        if (failuresLeft > 0) {
          failuresLeft--
          refused++
          const error = Object.assign(new Error(failureText ?? (failureCode >= 500 ? 'Mailbox unavailable' : 'Greylisted, try again later')), {
            responseCode: failureCode,
          })
          return callback(error)
        }
        const raw = Buffer.concat(chunks)
        const header = raw.subarray(0, Math.max(0, raw.indexOf('\r\n\r\n'))).toString('utf8')
        const messageId = /^Message-ID:\s*(<[^>]+>)/im.exec(header)?.[1] ?? ''
        messages.push({ raw, messageId, to: session.envelope.rcptTo.map((r) => r.address), receivedAt: Date.now() })
        callback()
      })
    },
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const port = (server.server.address() as AddressInfo).port
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    get refused() {
      return refused
    },
    /** 421 answers given while down. */
    get downAnswers() {
      return downAnswers
    },
    setDown(down: boolean) {
      isDown = down
    },
    /** Refuses the next `count` messages with `code` (and, if given, this reply text, as real relays word it). */
    failNext(count: number, code = 451, text?: string) {
      failuresLeft = count
      failureCode = code
      failureText = text
    },
    /** How often each Message-ID arrived. */
    deliveriesByMessageId(): Map<string, number> {
      const counts = new Map<string, number>()
      for (const message of messages) counts.set(message.messageId, (counts.get(message.messageId) ?? 0) + 1)
      return counts
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

export type SmtpSink = Awaited<ReturnType<typeof startSmtpSink>>
