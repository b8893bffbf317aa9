import { z } from 'zod'
import { db } from '../db/client.server.ts'
import type { Locale } from '../i18n/index.ts'
import { secretFieldNames } from '../mail/secrets.server.ts'
import { getTemplate, isTemplateName } from '../mail/templates.server.ts'
import { hashToken, isTokenShaped } from '../registrations/tokens.server.ts'
import { anonymizationDate } from './retention.server.ts'

/**
 * "Download my data" (issue 12 §1, ADR 0032): everything Samling holds about the e-mail address of
 * one manage link, across every event of every organization on this instance. The manage link is
 * the proof of owning the address (it was mailed there). What goes out: the person's registrations
 * with their answers (labelled by the event's questions), check-ins, consent records, starred
 * programme items, sub-session sign-ups, audience questions, series sign-ups, proposals, opt-outs
 * and the mails sent to the address (template, subject, time, status). What never goes out:
 * tokens, token hashes, links (a mail's payload holds manage and calendar links), relay answers,
 * the stream link, and anybody else's data. Reads only.
 */

const iso = (value: Date | null | undefined) => (value ? value.toISOString() : null)

export type MyData = {
  email: string
  generatedAt: string
  registrations: {
    event: { title: string; slug: string; startsAt: string; endsAt: string; organization: string; organizationSlug: string }
    status: string
    attendanceMode: string
    name: string
    email: string
    organizationName: string | null
    sector: string | null
    county: string | null
    abroad: boolean
    ticket: { name: string; priceOre: number } | null
    invoice: { orgNumber: string | null; address: string | null; eReference: string | null; buyerReference: string | null } | null
    answers: { question: string; answer: string }[]
    subSessions: string[]
    starredItems: { title: string; startsAt: string }[]
    audienceQuestions: { text: string; session: string | null; anonymous: boolean; state: string; askedAt: string }[]
    checkedInAt: string | null
    privacy: { version: number; acceptedAt: string | null } | null
    registeredAt: string
    cancelledAt: string | null
    /** When retention anonymizes it (the event's end plus its months, ADR 0031). */
    anonymizedOn: string
  }[]
  seriesSignups: {
    series: string
    attendanceMode: string
    privacy: { version: number; acceptedAt: string | null } | null
    signedUpAt: string
    cancelledAt: string | null
  }[]
  proposals: {
    event: string
    title: string
    abstract: string
    status: string
    name: string
    speakerTitle: string
    affiliation: string
    bio: string
    privacy: { version: number; acceptedAt: string | null } | null
    sentAt: string
  }[]
  mailOptOuts: { everything: boolean; organizations: string[] }
  mails: { template: string; subject: string | null; status: string; queuedAt: string; sentAt: string | null }[]
}

/** The address a manage link belongs to, or null for an unknown, replaced or anonymized link. */
async function addressOf(token: string): Promise<string | null> {
  if (!isTokenShaped(token)) return null
  const registration = await db.registration.findUnique({
    where: { manageTokenHash: hashToken(token) },
    select: { emailNormalized: true, anonymizedAt: true },
  })
  if (!registration || registration.anonymizedAt) return null
  return registration.emailNormalized
}

const ChoiceOptions = z.array(z.object({ value: z.string(), sv: z.string(), en: z.string().optional() }))

function answerText(raw: unknown, question: { kind: string; options: unknown }, locale: Locale, yesNo: [string, string]): string {
  const options = ChoiceOptions.safeParse(question.options)
  const label = (value: string) => {
    const option = options.success ? options.data.find((candidate) => candidate.value === value) : undefined
    return option ? (locale === 'en' && option.en) || option.sv : value
  }
  if (typeof raw === 'boolean') return raw ? yesNo[0] : yesNo[1]
  if (Array.isArray(raw)) return raw.map((value) => label(String(value))).join(', ')
  if (question.kind === 'choice') return label(String(raw))
  return String(raw)
}

const privacyOf = (row: { privacyVersion: number | null; privacyAcceptedAt: Date | null }) =>
  row.privacyVersion === null ? null : { version: row.privacyVersion, acceptedAt: iso(row.privacyAcceptedAt) }

/** Everything about the manage link's address, or null when the link is unknown or anonymized (a 404). */
export async function collectMyData(input: { token: string; locale: Locale; yesNo: [string, string] }): Promise<MyData | null> {
  const email = await addressOf(input.token)
  if (!email) return null
  const { locale } = input
  const title = (row: { titleSv: string; titleEn: string }) => (locale === 'en' && row.titleEn) || row.titleSv
  const [registrations, seriesSignups, proposals, optOut, organizationOptOuts, mails] = await Promise.all([
    db.registration.findMany({
      where: { emailNormalized: email, anonymizedAt: null },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      include: {
        event: { include: { organization: { select: { slug: true, name: true, retentionMonths: true } }, questions: { orderBy: { position: 'asc' } } } },
        ticketType: { select: { nameSv: true, nameEn: true } },
        itemSignups: { include: { item: { select: { titleSv: true, titleEn: true } } } },
        programmeStars: { include: { item: { select: { titleSv: true, titleEn: true, startsAt: true } } } },
        audienceQuestions: { orderBy: { createdAt: 'asc' }, include: { item: { select: { titleSv: true, titleEn: true } } } },
      },
    }),
    db.seriesSignup.findMany({ where: { emailNormalized: email, anonymizedAt: null }, orderBy: { createdAt: 'asc' }, include: { series: true } }),
    db.proposal.findMany({
      where: { email: { equals: email, mode: 'insensitive' } },
      orderBy: { createdAt: 'asc' },
      include: { event: { select: { titleSv: true, titleEn: true } } },
    }),
    db.mailOptOut.findUnique({ where: { emailNormalized: email } }),
    db.organizationMailOptOut.findMany({ where: { emailNormalized: email } }),
    db.outboxMessage.findMany({
      where: { recipient: email },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: { template: true, locale: true, payload: true, status: true, createdAt: true, sentAt: true },
      take: 5_000,
    }),
  ])
  const optOutOrganizations = organizationOptOuts.length
    ? await db.organization.findMany({ where: { id: { in: organizationOptOuts.map((row) => row.organizationId) } }, select: { name: true } })
    : []
  return {
    email,
    generatedAt: new Date().toISOString(),
    registrations: registrations.map((registration) => {
      const { event } = registration
      const answers = (registration.answers ?? {}) as Record<string, unknown>
      return {
        event: {
          title: title(event),
          slug: event.slug,
          startsAt: event.startsAt.toISOString(),
          endsAt: event.endsAt.toISOString(),
          organization: event.organization.name,
          organizationSlug: event.organization.slug,
        },
        status: registration.status,
        attendanceMode: registration.attendanceMode,
        name: registration.name,
        email: registration.email,
        organizationName: registration.organizationName,
        sector: registration.sector,
        county: registration.county,
        abroad: registration.abroad,
        ticket: registration.ticketType
          ? { name: (locale === 'en' && registration.ticketType.nameEn) || registration.ticketType.nameSv, priceOre: registration.priceOre }
          : null,
        invoice: registration.invoiceOrgNumber
          ? {
              orgNumber: registration.invoiceOrgNumber,
              address: registration.invoiceAddress,
              eReference: registration.invoiceEReference,
              buyerReference: registration.buyerReference,
            }
          : null,
        answers: event.questions
          .filter((question) => answers[question.id] !== undefined)
          .map((question) => ({
            question: (locale === 'en' && question.labelEn) || question.labelSv,
            answer: answerText(answers[question.id], question, locale, input.yesNo),
          })),
        subSessions: registration.itemSignups.map((signup) => title(signup.item)),
        starredItems: registration.programmeStars
          .map((star) => ({ title: title(star.item), startsAt: star.item.startsAt.toISOString() }))
          .sort((a, b) => a.startsAt.localeCompare(b.startsAt)),
        audienceQuestions: registration.audienceQuestions.map((question) => ({
          text: question.text,
          session: question.item ? title(question.item) : null,
          anonymous: question.isAnonymous,
          state: question.state,
          askedAt: question.createdAt.toISOString(),
        })),
        checkedInAt: iso(registration.checkedInAt),
        privacy: privacyOf(registration),
        registeredAt: registration.createdAt.toISOString(),
        cancelledAt: iso(registration.cancelledAt),
        anonymizedOn: anonymizationDate(event, event.organization).toISOString(),
      }
    }),
    seriesSignups: seriesSignups.map((signup) => ({
      series: title(signup.series),
      attendanceMode: signup.attendanceMode,
      privacy: privacyOf(signup),
      signedUpAt: signup.createdAt.toISOString(),
      cancelledAt: iso(signup.cancelledAt),
    })),
    proposals: proposals.map((proposal) => ({
      event: title(proposal.event),
      title: proposal.title,
      abstract: proposal.abstract,
      status: proposal.status,
      name: proposal.name,
      speakerTitle: proposal.speakerTitle,
      affiliation: proposal.affiliation,
      bio: proposal.bio,
      privacy: privacyOf(proposal),
      sentAt: proposal.createdAt.toISOString(),
    })),
    mailOptOuts: { everything: Boolean(optOut), organizations: optOutOrganizations.map((organization) => organization.name).sort() },
    mails: mails.map((mail) => ({
      template: mail.template,
      subject: subjectOf(mail.template, mail.payload, mail.locale),
      status: mail.status,
      queuedAt: mail.createdAt.toISOString(),
      sentAt: iso(mail.sentAt),
    })),
  }
}

/**
 * A mail's subject, written again from its stored payload (subjects hold titles and names, never
 * links). A payload whose secrets were erased after sending may no longer fit its template: then
 * the subject is unknown (null) rather than a guess.
 */
function subjectOf(template: string, payload: unknown, locale: Locale): string | null {
  if (!isTemplateName(template)) return null
  const mail = getTemplate(template)
  if (typeof payload !== 'object' || payload === null) return null
  // Secret fields (links with tokens) are sealed or erased in the stored row; a stand-in lets the
  // payload pass its schema, and subjects never show them.
  const standIn: Record<string, unknown> = { ...(payload as Record<string, unknown>) }
  for (const field of secretFieldNames(mail.schema)) if (field in standIn) standIn[field] = 'https://secret.invalid/'
  const parsed = mail.schema.safeParse(standIn)
  if (!parsed.success) return null
  try {
    return mail.subject(parsed.data, locale)
  } catch {
    return null
  }
}
