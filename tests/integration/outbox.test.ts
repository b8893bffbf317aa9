import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { db } from '../../app/db/client.server.ts'
import { enqueueMail, listFailedMail, retryFailedMail } from '../../app/mail/outbox.server.ts'
import { getTemplate, InvalidMailPayloadError, UnknownTemplateError } from '../../app/mail/templates.server.ts'
import { createSmtpTransport, type MailTransport } from '../../app/mail/transport.server.ts'
import { claimDueMail, composeMail, DEFAULT_LEASE_MS, INTERRUPTED_AT_MOST_ONCE, processOutboxOnce, retryDelayMs } from '../../app/mail/worker.server.ts'
import { useTestDatabase } from '../support/database.ts'
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts'

useTestDatabase()

let sink: SmtpSink
let transport: MailTransport

beforeAll(async () => {
  sink = await startSmtpSink()
  transport = createSmtpTransport(sink.url, { maxConnections: 4 })
})
afterAll(async () => {
  await transport?.close()
  await sink?.close()
})
beforeEach(async () => {
  await db.outboxMessage.deleteMany()
  sink.messages.length = 0
  sink.failNext(0)
})

const signIn = (to: string, extra: { organizationId?: string } = {}) => ({
  template: 'sign-in-link' as const,
  to,
  locale: 'sv' as const,
  payload: { url: 'https://samling.test/login/abc', expiresMinutes: 15 },
  ...extra,
})

/** An organization's mail without secrets in its payload: it can be sent again after failing. */
const invitation = (to: string, extra: { organizationId?: string } = {}) => ({
  template: 'member-invitation' as const,
  to,
  locale: 'sv' as const,
  payload: { organizationName: 'Re-Act', inviterName: 'Amira', role: 'viewer' as const, url: 'https://samling.test/login?redirectTo=/organizer/re-act' },
  ...extra,
})

async function enqueueMany(count: number, extra: { organizationId?: string } = {}, make: typeof signIn | typeof invitation = signIn) {
  for (let start = 0; start < count; start += 100) {
    // 100 rows per transaction: on a busy runner that can take longer than Prisma's default 5 s.
    await db.$transaction(
      async (tx) => {
        for (let i = start; i < Math.min(count, start + 100); i++) await enqueueMail(tx, make(`person${i}@example.se`, extra))
      },
      { timeout: 60_000 },
    )
  }
}

const seconds = (base: Date, s: number) => new Date(base.getTime() + s * 1000)

describe('the outbox commits with the change that causes the mail', () => {
  it('a change that rolls back leaves no mail behind, and a committed one leaves exactly one', async () => {
    await expect(
      db.$transaction(async (tx) => {
        await tx.person.create({ data: { email: 'rolled-back@example.se', name: 'Rolled Back' } })
        await enqueueMail(tx, signIn('rolled-back@example.se'))
        throw new Error('the change failed after the mail was queued')
      }),
    ).rejects.toThrow('the change failed')
    expect(await db.person.count({ where: { email: 'rolled-back@example.se' } })).toBe(0)
    expect(await db.outboxMessage.count()).toBe(0)

    await db.$transaction(async (tx) => {
      await tx.person.create({ data: { email: 'kept@example.se', name: 'Kept' } })
      await enqueueMail(tx, signIn('Kept@Example.se'))
    })
    const rows = await db.outboxMessage.findMany()
    expect(rows.map((row) => [row.recipient, row.status, row.attempts])).toEqual([['kept@example.se', 'pending', 0]])
    expect(rows[0].messageId).toBe(`<${rows[0].id}@samling.mail>`)
  })

  it('a misspelt template or a payload that does not fit fails at enqueue time, not in the worker', async () => {
    // @ts-expect-error -- the type check already refuses a template name that does not exist
    await expect(db.$transaction((tx) => enqueueMail(tx, { ...signIn('a@example.se'), template: 'sign-in' }))).rejects.toThrow(UnknownTemplateError)
    await expect(
      db.$transaction((tx) => enqueueMail(tx, { ...signIn('a@example.se'), payload: { url: 'javascript:alert(1)', expiresMinutes: 15 } })),
    ).rejects.toThrow(InvalidMailPayloadError)
    await expect(db.$transaction((tx) => enqueueMail(tx, signIn('not an address')))).rejects.toThrow(InvalidMailPayloadError)
    await expect(
      db.$transaction((tx) =>
        enqueueMail(tx, {
          template: 'sign-in-link',
          to: 'a@example.se',
          locale: 'sv',
          // @ts-expect-error -- an invitation's payload for a sign-in link: the type check refuses it too
          payload: { organizationName: 'Re-Act', inviterName: 'Amira', role: 'viewer' },
        }),
      ),
    ).rejects.toThrow(InvalidMailPayloadError)
    expect(await db.outboxMessage.count()).toBe(0)
  })
})

describe('the worker', () => {
  it('two workers emptying the queue side by side never send one mail twice', async () => {
    const total = 300
    await enqueueMany(total)
    const second = createSmtpTransport(sink.url, { maxConnections: 4 })
    const drain = async (worker: MailTransport) => {
      let sent = 0
      for (;;) {
        const result = await processOutboxOnce({ transport: worker, batchSize: 7 })
        sent += result.sent
        if (result.claimed === 0) return sent
      }
    }
    const [a, b] = await Promise.all([drain(transport), drain(second)])
    await second.close()

    const deliveries = sink.deliveriesByMessageId()
    const rows = await db.outboxMessage.findMany({ select: { messageId: true, status: true, attempts: true } })
    expect(a + b).toBe(total)
    expect(sink.messages.length).toBe(total)
    expect([...deliveries.values()].filter((count) => count > 1)).toEqual([])
    expect(new Set(deliveries.keys())).toEqual(new Set(rows.map((row) => row.messageId)))
    expect(rows.every((row) => row.status === 'sent' && row.attempts === 1)).toBe(true)
  })

  it('a relay that answers 451 gets the mail again after a growing pause, and nothing is lost', async () => {
    await enqueueMany(2)
    sink.failNext(3, 451)
    const t0 = seconds(new Date(), 1)

    expect(await processOutboxOnce({ transport, now: t0 })).toEqual({ claimed: 2, sent: 0, retried: 2, failed: 0, skipped: 0 })
    const afterFirst = await db.outboxMessage.findMany()
    for (const row of afterFirst) {
      expect(row.status).toBe('pending')
      expect(row.attempts).toBe(1)
      expect(row.nextAttemptAt.getTime()).toBe(t0.getTime() + retryDelayMs(1))
      expect(row.lastError).toMatch(/451/)
    }
    // Before the pause is over nothing is tried.
    expect((await processOutboxOnce({ transport, now: seconds(t0, 29) })).claimed).toBe(0)

    const t1 = seconds(t0, 30)
    expect(await processOutboxOnce({ transport, now: t1 })).toEqual({ claimed: 2, sent: 1, retried: 1, failed: 0, skipped: 0 })
    const waiting = await db.outboxMessage.findFirstOrThrow({ where: { status: 'pending' } })
    expect(waiting.attempts).toBe(2)
    expect(waiting.nextAttemptAt.getTime()).toBe(t1.getTime() + 60_000)

    expect((await processOutboxOnce({ transport, now: seconds(t1, 59) })).claimed).toBe(0)
    expect(await processOutboxOnce({ transport, now: seconds(t1, 60) })).toEqual({ claimed: 1, sent: 1, retried: 0, failed: 0, skipped: 0 })

    expect(sink.refused).toBeGreaterThanOrEqual(3)
    const rows = await db.outboxMessage.findMany()
    expect(rows.map((row) => row.status)).toEqual(['sent', 'sent'])
    expect([...sink.deliveriesByMessageId().entries()].sort()).toEqual(rows.map((row) => [row.messageId, 1]).sort())
  })

  it('after the last attempt the mail is marked failed and the organizer sees it in the list of failed mail', async () => {
    const organizationId = randomUUID()
    await enqueueMany(1, { organizationId }, invitation)
    await enqueueMany(1, { organizationId: randomUUID() }, invitation)
    sink.failNext(1000, 451)
    let now = seconds(new Date(), 1)
    for (let attempt = 1; attempt <= 3; attempt++) {
      const result = await processOutboxOnce({ transport, now, maxAttempts: 3 })
      expect(result).toEqual(
        attempt < 3 ? { claimed: 2, sent: 0, retried: 2, failed: 0, skipped: 0 } : { claimed: 2, sent: 0, retried: 0, failed: 2, skipped: 0 },
      )
      now = new Date(now.getTime() + retryDelayMs(attempt))
    }
    expect((await processOutboxOnce({ transport, now: seconds(now, 3600 * 24), maxAttempts: 3 })).claimed).toBe(0)

    const failed = await listFailedMail(organizationId)
    expect(failed.map((mail) => [mail.recipient, mail.template, mail.attempts])).toEqual([['person0@example.se', 'member-invitation', 3]])
    expect(failed[0].lastError).toMatch(/451/)
    expect(sink.messages.length).toBe(0)

    // The organizer can put it back; it then goes out with its original Message-ID.
    sink.failNext(0)
    expect(await retryFailedMail({ organizationId: randomUUID(), id: failed[0].id })).toBe(false)
    expect(await retryFailedMail({ organizationId, id: failed[0].id })).toBe(true)
    expect(await processOutboxOnce({ transport })).toEqual({ claimed: 1, sent: 1, retried: 0, failed: 0, skipped: 0 })
    const row = await db.outboxMessage.findUniqueOrThrow({ where: { id: failed[0].id } })
    expect(sink.messages.map((message) => message.messageId)).toEqual([row.messageId])
    expect(await listFailedMail(organizationId)).toEqual([])
  })

  it('a sign-in link that finally fails keeps no link in the database, and cannot be sent again by mistake', async () => {
    const organizationId = randomUUID()
    await db.$transaction((tx) =>
      enqueueMail(tx, {
        ...signIn('gives-up@example.se', { organizationId }),
        payload: { url: 'https://samling.test/login/s3cr3t-t0k3n', expiresMinutes: 15 },
      }),
    )
    const raw = async () => (await db.$queryRaw<{ payload: string }[]>`SELECT payload::text AS payload FROM outbox_messages`)[0].payload
    expect(await raw()).not.toContain('s3cr3t-t0k3n')
    sink.failNext(1, 550)
    expect(await processOutboxOnce({ transport })).toMatchObject({ failed: 1, skipped: 0 })
    expect(JSON.parse(await raw())).toEqual({ url: { $redacted: true }, expiresMinutes: 15 })

    const [failed] = await listFailedMail(organizationId)
    expect(await retryFailedMail({ organizationId, id: failed.id })).toBe(true)
    expect(await processOutboxOnce({ transport })).toEqual({ claimed: 1, sent: 0, retried: 0, failed: 1, skipped: 0 })
    expect((await listFailedMail(organizationId))[0].lastError).toMatch(/^RedactedMailPayloadError: .*cannot be sent again/)
    expect(sink.messages.length).toBe(0)
  })

  it('a permanent refusal (550) fails the mail at once instead of retrying for hours', async () => {
    const organizationId = randomUUID()
    await enqueueMany(1, { organizationId })
    sink.failNext(1, 550)
    expect(await processOutboxOnce({ transport })).toEqual({ claimed: 1, sent: 0, retried: 0, failed: 1, skipped: 0 })
    const [failed] = await listFailedMail(organizationId)
    expect(failed.attempts).toBe(1)
    expect(failed.lastError).toMatch(/550/)
  })

  it('a refusal that names the recipient leaves no e-mail address in the log', async () => {
    await enqueueMany(1)
    sink.failNext(1, 550, '5.1.1 <anna.andersson@example.se>: Recipient address rejected')
    const lines: string[] = []
    const write = process.stdout.write.bind(process.stdout)
    process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      lines.push(String(chunk))
      return (write as (...args: unknown[]) => boolean)(chunk, ...rest)
    }) as typeof process.stdout.write
    try {
      expect(await processOutboxOnce({ transport })).toMatchObject({ failed: 1, skipped: 0 })
    } finally {
      process.stdout.write = write
    }
    const failedLine = lines.find((line) => line.includes('"mail failed"')) ?? ''
    expect(failedLine).toContain('Recipient address rejected')
    expect(failedLine).not.toContain('anna.andersson@example.se')
  })

  it('a worker that dies after claiming (even after sending) loses the mail only until the lease ends; it then goes out with the same Message-ID', async () => {
    await enqueueMany(2)
    const t0 = seconds(new Date(), 1)
    const claimed = await claimDueMail({ batchSize: 10, now: t0 })
    expect(claimed.length).toBe(2)
    // The "crashed" worker got one message out before dying, and never recorded anything.
    await transport.send(await composeMail(claimed[0]))

    // A live second worker does not touch the claimed rows while the lease holds.
    expect((await processOutboxOnce({ transport, now: seconds(t0, 60) })).claimed).toBe(0)
    const later = new Date(t0.getTime() + DEFAULT_LEASE_MS + 1000)
    expect(await processOutboxOnce({ transport, now: later })).toEqual({ claimed: 2, sent: 2, retried: 0, failed: 0, skipped: 0 })

    const rows = await db.outboxMessage.findMany()
    expect(rows.every((row) => row.status === 'sent' && row.attempts === 2)).toBe(true)
    const deliveries = sink.deliveriesByMessageId()
    expect(deliveries.get(claimed[0].messageId)).toBe(2)
    expect(deliveries.get(claimed[1].messageId)).toBe(1)
    expect(new Set(deliveries.keys())).toEqual(new Set(rows.map((row) => row.messageId)))
  })

  it('a bulk mail cut mid-send by a crash is closed as failed, never sent twice, while a transactional mail in the same spot goes again', async () => {
    const organizationId = randomUUID()
    const bulk = await db.$transaction((tx) =>
      enqueueMail(tx, {
        template: 'bulk-mailing',
        to: 'mottagare@example.se',
        locale: 'sv',
        organizationId,
        payload: getTemplate('bulk-mailing').sample('sv') as never,
      }),
    )
    await enqueueMail(db as never, invitation('inbjuden@example.se'))
    const t0 = seconds(new Date(), 1)
    const claimed = await claimDueMail({ batchSize: 10, now: t0 })
    expect(claimed.map((mail) => mail.sendStartedAt ?? null)).toEqual([null, null])
    // The "crashed" worker handed both to the relay (recording the bulk mail's hand-over, as the
    // worker does) and died before recording either answer.
    await db.outboxMessage.update({ where: { id: bulk.id }, data: { sendStartedAt: t0 } })
    for (const mail of claimed) await transport.send(await composeMail(mail))

    const later = new Date(t0.getTime() + DEFAULT_LEASE_MS + 1000)
    expect(await processOutboxOnce({ transport, now: later })).toEqual({ claimed: 2, sent: 1, retried: 0, failed: 1, skipped: 0 })
    const row = await db.outboxMessage.findUniqueOrThrow({ where: { id: bulk.id } })
    expect([row.status, row.lastError, JSON.stringify(row.payload).includes('manageUrl')]).toEqual(['failed', INTERRUPTED_AT_MOST_ONCE, true])
    const deliveries = sink.deliveriesByMessageId()
    expect(deliveries.get(bulk.messageId)).toBe(1)
    expect(deliveries.get(claimed.find((mail) => mail.id !== bulk.id)!.messageId)).toBe(2)
    // It is among the organization's failed mail; "Skicka igen" is the organizer's choice, and it then goes.
    expect((await listFailedMail(organizationId)).map((mail) => mail.id)).toEqual([bulk.id])
  })

  it('a bulk mail records its hand-over to the relay, and a refusal (451) clears it so the retry goes out', async () => {
    const organizationId = randomUUID()
    const bulk = await db.$transaction((tx) =>
      enqueueMail(tx, {
        template: 'bulk-mailing',
        to: 'mottagare@example.se',
        locale: 'sv',
        organizationId,
        payload: getTemplate('bulk-mailing').sample('sv') as never,
      }),
    )
    sink.failNext(1, 451)
    const t0 = seconds(new Date(), 1)
    expect((await processOutboxOnce({ transport, now: t0 })).retried).toBe(1)
    expect((await db.outboxMessage.findUniqueOrThrow({ where: { id: bulk.id } })).sendStartedAt).toBeNull()
    expect((await processOutboxOnce({ transport, now: seconds(t0, 31) })).sent).toBe(1)
    const row = await db.outboxMessage.findUniqueOrThrow({ where: { id: bulk.id } })
    expect([row.status, row.sendStartedAt instanceof Date]).toEqual(['sent', true])
    expect(sink.deliveriesByMessageId().get(bulk.messageId)).toBe(1)
  })

  it('a mail queued twice with the same dedup key (a reminder after a restart) is written and sent once, and the transaction goes on', async () => {
    const reminder = { ...invitation('paminnelse@example.se'), dedupKey: 'reminder-24h:test:0' }
    const [first, second, after] = await db.$transaction(async (tx) => [
      await enqueueMail(tx, reminder),
      await enqueueMail(tx, reminder),
      // The skipped insert must not have aborted the transaction (PostgreSQL would refuse this then).
      await enqueueMail(tx, invitation('other@example.se')),
    ])
    expect(first?.dedupKey).toBe('reminder-24h:test:0')
    expect(second).toBeNull()
    expect(after.recipient).toBe('other@example.se')
    expect(await db.$transaction((tx) => enqueueMail(tx, reminder))).toBeNull()
    expect(await db.outboxMessage.count({ where: { recipient: 'paminnelse@example.se' } })).toBe(1)
    expect((await processOutboxOnce({ transport })).sent).toBe(2)
  })

  it('a mail about a registration carries its id', async () => {
    const registrationId = randomUUID()
    const row = await db.$transaction((tx) => enqueueMail(tx, { ...invitation('reg@example.se'), registrationId }))
    expect((await db.outboxMessage.findUniqueOrThrow({ where: { id: row.id } })).registrationId).toBe(registrationId)
  })

  it('a mail queued for later (a reminder) is not sent before its time', async () => {
    const notBefore = seconds(new Date(), 3600)
    await db.$transaction((tx) => enqueueMail(tx, { ...signIn('later@example.se'), notBefore }))
    expect((await processOutboxOnce({ transport })).claimed).toBe(0)
    expect((await processOutboxOnce({ transport, now: notBefore })).sent).toBe(1)
  })
})
