import jsQR from 'jsqr'
import { simpleParser } from 'mailparser'
import { PNG } from 'pngjs'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { checkInCode, checkInToken, isCheckInTokenOf } from '../../app/check-in/tokens.server.ts'
import { db } from '../../app/db/client.server.ts'
import { config, setConfig } from '../../app/env.server.ts'
import { createSmtpTransport, type MailTransport } from '../../app/mail/transport.server.ts'
import { processOutboxOnce } from '../../app/mail/worker.server.ts'
import { enqueueConfirmation } from '../../app/registrations/mail.server.ts'
import { manageToken } from '../../app/registrations/tokens.server.ts'
import { loader as ticketImage } from '../../app/routes/($lang).registrations.$token_.check-in[.]png.ts'
import { loader as managePage } from '../../app/routes/($lang).registrations.$token.tsx'
import { body, call, createOrganization, getRequest } from '../support/console.ts'
import { useTestDatabase } from '../support/database.ts'
import { createEvent, createRegistration } from '../support/notify-data.ts'
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts'

useTestDatabase()

/** Reads the QR code in a PNG the way a phone would (jsQR on the decoded pixels). */
function readQr(png: Buffer): string | null {
  const image = PNG.sync.read(png)
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data ?? null
}

let sink: SmtpSink
let transport: MailTransport
let org: { id: string }

beforeAll(async () => {
  setConfig({ ...config(), appUrl: 'https://samling.test', mailFrom: 'Samling <no-reply@samling.test>' })
  sink = await startSmtpSink()
  transport = createSmtpTransport(sink.url)
  org = await createOrganization('biljetter', 'Coompanion Sörmland')
})
afterAll(async () => {
  await transport?.close()
  await sink?.close()
})
beforeEach(async () => {
  await db.outboxMessage.deleteMany()
  sink.messages.length = 0
})

const future = { startsAt: new Date(Date.now() + 20 * 86_400_000), endsAt: new Date(Date.now() + 20 * 86_400_000 + 6 * 3_600_000) }

async function confirmationMail(registrationId: string) {
  const registration = await db.registration.findUniqueOrThrow({ where: { id: registrationId }, include: { ticketType: true } })
  const event = await db.event.findUniqueOrThrow({ where: { id: registration.eventId }, include: { organization: true, series: true } })
  await db.$transaction((tx) => enqueueConfirmation(tx, { event, registration, reason: 'registered' }))
  expect(await processOutboxOnce({ transport })).toMatchObject({ sent: 1 })
  return simpleParser(sink.messages[0].raw)
}

async function managePageData(token: string) {
  const response = await call(managePage, getRequest(`/registrations/${token}`), { token })
  expect(response.status).toBe(200)
  return body<{ checkIn: { code: string; imageUrl: string; checkedInAt: string | null } | null }>(response)
}

describe('the check-in ticket', () => {
  it('is signed with the server secret, names only the registration id, and differs from the manage link', async () => {
    const event = await createEvent(org.id, future)
    const registration = await createRegistration(event.id)
    const token = checkInToken(registration)
    expect(token.startsWith(`${registration.id}.`)).toBe(true)
    expect(token).not.toContain(registration.email)
    expect(isCheckInTokenOf(token, registration)).toBe(true)
    expect(token.split('.')[1]).not.toBe(manageToken(registration))
    const forged = `${registration.id}.${'A'.repeat(43)}`
    expect(isCheckInTokenOf(forged, registration)).toBe(false)
    // A new token version (cancelled, then registered again) voids the old ticket.
    expect(isCheckInTokenOf(token, { ...registration, tokenVersion: 1 })).toBe(false)
    expect(checkInCode(registration)).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/)
  })

  it('the manage page shows a QR image that a phone reads as a valid ticket, and the short code', async () => {
    const event = await createEvent(org.id, future)
    const registration = await createRegistration(event.id)
    const token = manageToken(registration)
    const data = await managePageData(token)
    expect(data.checkIn).toEqual({ code: checkInCode(registration), checkedInAt: null, imageUrl: `/registrations/${token}/check-in.png` })
    const response = await call(ticketImage, getRequest(data.checkIn!.imageUrl), { token })
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('image/png')
    expect(response.headers.get('Cache-Control')).toBe('private, no-store')
    const scanned = readQr(Buffer.from(await response.arrayBuffer()))
    expect(scanned).toBe(checkInToken(registration))
    expect(isCheckInTokenOf(scanned!, registration)).toBe(true)
  })

  it('the confirmation mail carries the QR as an inline image (cid) that reads as the ticket, and the code in the text part', async () => {
    const event = await createEvent(org.id, future)
    const registration = await createRegistration(event.id, { locale: 'sv' })
    const mail = await confirmationMail(registration.id)
    const image = mail.attachments.find((attachment) => attachment.contentType === 'image/png')
    expect(image?.contentId).toBe('<check-in-qr@samling>')
    expect(image?.contentDisposition).toBe('inline')
    expect(String(mail.html)).toContain('alt="QR-kod för incheckning')
    expect(readQr(image!.content)).toBe(checkInToken(registration))
    expect(mail.text).toContain(`Incheckningskod: ${checkInCode(registration)}`)
    // The outbox keeps no ticket once the mail is sent.
    const row = await db.outboxMessage.findFirstOrThrow()
    expect(JSON.stringify(row.payload)).not.toContain(checkInToken(registration).split('.')[1])
  })

  it('an online participant, a waitlisted or cancelled one, and an online-only event get no ticket', async () => {
    const hybrid = await createEvent(org.id, { ...future, format: 'hybrid', onlineUrl: 'https://meet.example.se/x' })
    const online = await createRegistration(hybrid.id, { attendanceMode: 'online' })
    const waitlisted = await createRegistration(hybrid.id, { status: 'waitlisted' })
    const cancelled = await createRegistration(hybrid.id, { status: 'cancelled' })
    const webinar = await createEvent(org.id, { ...future, format: 'online', onlineUrl: 'https://meet.example.se/y', venueName: null })
    const viewer = await createRegistration(webinar.id)
    for (const registration of [online, waitlisted, cancelled, viewer]) {
      const token = manageToken(registration)
      expect((await managePageData(token)).checkIn).toBeNull()
      expect((await call(ticketImage, getRequest(`/registrations/${token}/check-in.png`), { token })).status).toBe(404)
    }
    const mail = await confirmationMail(online.id)
    expect(mail.attachments.some((attachment) => attachment.contentType === 'image/png')).toBe(false)
    expect(mail.text).not.toContain('Incheckningskod')
  })

  it('in English the manage page and the mail say it in English', async () => {
    const event = await createEvent(org.id, future)
    const registration = await createRegistration(event.id, { locale: 'en' })
    const mail = await confirmationMail(registration.id)
    expect(mail.text).toContain(`Check-in code: ${checkInCode(registration)}`)
    expect(mail.attachments.find((attachment) => attachment.contentType === 'image/png')?.filename).toBe('ticket.png')
  })
})
