import { timingSafeEqual } from 'node:crypto'
import { z } from 'zod'
import { recordAudit } from '../audit/audit.server.ts'
import { db } from '../db/client.server.ts'
import { config } from '../env.server.ts'
import { DomainError, ForbiddenError, NotFoundError } from '../errors.server.ts'
import { attachmentDisposition, CSV_CONTENT_TYPE, csvStream, type CsvDialect } from '../exports/csv.server.ts'
import { localePath, pick, t, type Locale } from '../i18n/index.ts'
import { canManageEvents, type Access } from '../organizations/access.server.ts'
import { limitQuestions } from '../rate-limits.server.ts'
import { deriveToken, isTokenShaped } from '../registrations/tokens.server.ts'
import { formatDate, formatDateTime, formatTimeRange } from '../time.ts'
import { QUESTION_STATES, type QuestionState } from './states.ts'

export { QUESTION_STATES, type QuestionState } from './states.ts'

/**
 * Audience questions (ADR 0029): a confirmed registrant sends questions to a session (a programme
 * item) or to the whole event from their manage page, before and during it, optionally anonymous;
 * moderators mark them selected, answered or hidden; the panel screen shows the selected ones; the
 * console exports them afterwards. An anonymous question keeps its link to the registration (so the
 * asker sees it on their page and it goes when the registration is erased), but no moderator screen,
 * panel screen or export ever reads the name for it.
 */

export const QUESTION_MAX_LENGTH = 500
/** Programme items nobody asks a question to. */
const NO_QUESTIONS = ['break', 'lunch'] as const
/** A panel link works until this long after its session (or event) ended. */
const PANEL_LINK_AFTER_END_MS = 7 * 86_400_000

export const AskQuestionSchema = z.object({
  /** '' = the whole event. */
  itemId: z.string().trim().max(40).default(''),
  text: z.string().trim().min(1, 'form.required').max(QUESTION_MAX_LENGTH),
  anonymous: z
    .string()
    .optional()
    .transform((value) => value === 'yes'),
})
export type AskQuestionInput = z.output<typeof AskQuestionSchema>

export const ModerateSchema = z.object({
  questionId: z.uuid(),
  state: z.enum(QUESTION_STATES),
  from: z.enum(QUESTION_STATES),
})

type SessionRow = { id: string; titleSv: string; titleEn: string; startsAt: Date; endsAt: Date }

/** "Crisis Driving Change (tors 7 okt 2027, 09.15–10.15)" in the reader's language, Stockholm time. */
function sessionLabel(item: SessionRow, locale: Locale): string {
  return `${pick(item, 'title', locale)} (${formatDate(item.startsAt, locale)}, ${formatTimeRange(item.startsAt, item.endsAt, locale)})`
}

function sessionsOf(eventId: string) {
  return db.programmeItem.findMany({
    where: { eventId, type: { notIn: [...NO_QUESTIONS] } },
    orderBy: [{ startsAt: 'asc' }, { titleSv: 'asc' }],
    select: { id: true, titleSv: true, titleEn: true, startsAt: true, endsAt: true },
    take: 500,
  })
}

type Asker = { id: string; eventId: string; status: string; event: { status: string; endsAt: Date } }

/** Why this registration cannot ask (the message key), or null. */
function refusal(registration: Asker, now: Date) {
  if (registration.status !== 'confirmed') return 'questions.error.notConfirmed' as const
  if (registration.event.status !== 'published' || registration.event.endsAt <= now) return 'questions.error.closed' as const
  return null
}

export type AttendeeQuestions = {
  /** null: the form is shown; else why not, in the reader's language. */
  closed: string | null
  sessions: { value: string; label: string }[]
  mine: { id: string; text: string; session: string; state: QuestionState; stateLabel: string; isAnonymous: boolean; sentAt: string }[]
  maxLength: number
}

/** What the manage page shows: the sessions still open for questions and the person's own questions with their state. */
export async function getAttendeeQuestions(input: { registration: Asker; locale: Locale; now?: Date }): Promise<AttendeeQuestions> {
  const { registration, locale } = input
  const now = input.now ?? new Date()
  const [items, mine] = await Promise.all([
    sessionsOf(registration.eventId),
    db.audienceQuestion.findMany({
      where: { registrationId: registration.id },
      orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
      select: { id: true, text: true, state: true, isAnonymous: true, createdAt: true, item: { select: { titleSv: true, titleEn: true } } },
      take: 200,
    }),
  ])
  const reason = refusal(registration, now)
  const wholeEvent = t(locale, 'questions.wholeEvent')
  return {
    closed: reason ? t(locale, reason) : null,
    sessions: [
      { value: '', label: wholeEvent },
      ...items.filter((item) => item.endsAt > now).map((item) => ({ value: item.id, label: sessionLabel(item, locale) })),
    ],
    mine: mine.map((question) => ({
      id: question.id,
      text: question.text,
      session: question.item ? pick(question.item, 'title', locale) : wholeEvent,
      state: question.state,
      stateLabel: t(locale, `questions.mine.state.${question.state}`),
      isAnonymous: question.isAnonymous,
      sentAt: formatDateTime(question.createdAt, locale),
    })),
    maxLength: QUESTION_MAX_LENGTH,
  }
}

/**
 * Sends a question. Throws a 403 for a registration that is not confirmed (cancelled, waitlisted,
 * interest), a 409 once the chosen session (or, for the whole event, the event) has ended or the event
 * is not published, a 400 on `itemId` for an item of another event or a break, and a 429 with
 * Retry-After past QUESTIONS_PER_REGISTRATION in 10 minutes. Not idempotent: each call is a question.
 */
export async function askQuestion(input: { registration: Asker; question: AskQuestionInput; now?: Date }) {
  const { registration, question } = input
  const now = input.now ?? new Date()
  const reason = refusal(registration, now)
  if (reason === 'questions.error.notConfirmed') throw new DomainError(reason, 403)
  if (reason) throw new DomainError(reason, 409)
  let itemId: string | null = null
  if (question.itemId !== '') {
    const parsed = z.uuid().safeParse(question.itemId)
    const item = parsed.success
      ? await db.programmeItem.findFirst({
          where: { id: parsed.data, eventId: registration.eventId, type: { notIn: [...NO_QUESTIONS] } },
          select: { id: true, endsAt: true },
        })
      : null
    if (!item) throw new DomainError('questions.error.noSuchSession', 400, {}, 'itemId')
    if (item.endsAt <= now) throw new DomainError('questions.error.sessionEnded', 409, {}, 'itemId')
    itemId = item.id
  }
  await limitQuestions({ registrationId: registration.id })
  return db.audienceQuestion.create({
    data: { eventId: registration.eventId, itemId, registrationId: registration.id, text: question.text, isAnonymous: question.anonymous },
    select: { id: true, state: true },
  })
}

async function managedEvent(access: Access, eventId: string) {
  const event = await db.event.findFirst({
    where: { id: eventId, organizationId: access.organization.id },
    select: { id: true, slug: true, titleSv: true, titleEn: true, startsAt: true, endsAt: true },
  })
  if (!event) throw new NotFoundError('error.eventNotFound')
  return event
}

/** 'all', 'event' (the questions to the whole event) or a programme item's id. */
export type SessionFilter = string
export const ModerationQuerySchema = z.object({
  // Anything that is not 'all', 'event' or one of the event's items ends as a 404 in getModeration.
  session: z
    .string()
    .trim()
    .max(40)
    .default('all')
    .transform((value) => (value === '' ? 'all' : value))
    .catch('unknown'),
  state: z.enum(['all', ...QUESTION_STATES]).catch('all'),
})
export type ModerationQuery = z.output<typeof ModerationQuerySchema>

/** The question as a moderator sees it: no name when it was sent anonymously. */
function asModerated(
  question: { id: string; text: string; state: QuestionState; isAnonymous: boolean; createdAt: Date; registration: { name: string } },
  locale: Locale,
) {
  return {
    id: question.id,
    text: question.text,
    state: question.state,
    isAnonymous: question.isAnonymous,
    asker: question.isAnonymous ? null : question.registration.name,
    sentAt: formatDateTime(question.createdAt, locale),
  }
}

/**
 * The moderator console: the event's sessions (with counts per state), and the questions of the
 * chosen session and state, oldest first, grouped per session. Viewers read it too.
 */
export async function getModeration(input: { access: Access; eventId: string; query: ModerationQuery; locale: Locale }) {
  const { locale, query } = input
  const event = await managedEvent(input.access, input.eventId)
  const items = await sessionsOf(event.id)
  let itemFilter: { itemId?: string | null } = {}
  if (query.session === 'event') itemFilter = { itemId: null }
  else if (query.session !== 'all') {
    const itemId = z.uuid().safeParse(query.session).data
    if (!itemId || !items.some((item) => item.id === itemId)) throw new NotFoundError('questions.error.noSuchSession')
    itemFilter = { itemId }
  }
  const [counts, questions] = await Promise.all([
    db.audienceQuestion.groupBy({ by: ['itemId', 'state'], where: { eventId: event.id }, _count: { _all: true } }),
    db.audienceQuestion.findMany({
      where: { eventId: event.id, ...itemFilter, ...(query.state === 'all' ? {} : { state: query.state }) },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: { id: true, itemId: true, text: true, state: true, isAnonymous: true, createdAt: true, registration: { select: { name: true } } },
      take: 2_000,
    }),
  ])
  const countsOf = (itemId: string | null) =>
    Object.fromEntries(QUESTION_STATES.map((state) => [state, counts.find((row) => row.itemId === itemId && row.state === state)?._count._all ?? 0])) as Record<
      QuestionState,
      number
    >
  const wholeEvent = { key: 'event', itemId: null as string | null, label: t(locale, 'questions.wholeEvent') }
  const sessions = [wholeEvent, ...items.map((item) => ({ key: item.id, itemId: item.id as string | null, label: sessionLabel(item, locale) }))].map(
    (session) => ({
      ...session,
      counts: countsOf(session.itemId),
      panelUrl: panelPath(session.itemId ?? event.id, locale),
      questions: questions.filter((question) => question.itemId === session.itemId).map((question) => asModerated(question, locale)),
    }),
  )
  return {
    event,
    canModerate: canManageEvents(input.access.role),
    sessions: sessions.filter((session) => (query.session === 'all' ? session.questions.length > 0 || session.itemId === null : session.key === query.session)),
    choices: sessions.map((session) => ({
      value: session.key,
      label: session.label,
      total: QUESTION_STATES.reduce((sum, state) => sum + session.counts[state], 0),
    })),
    total: questions.length,
  }
}

/**
 * Moves one question from `from` to `state` (organizers and owners; viewers get 403). Conditional:
 * the UPDATE only matches while the question is still in `from`, so two moderators pressing at once
 * cannot overwrite each other blindly. When it already is in `state`, nothing happens (the same
 * outcome); when someone moved it elsewhere meanwhile, a 409 says so. Audited.
 */
export async function setQuestionState(input: { access: Access; eventId: string; questionId: string; from: QuestionState; state: QuestionState; now?: Date }) {
  if (!canManageEvents(input.access.role)) throw new ForbiddenError()
  const event = await managedEvent(input.access, input.eventId)
  const now = input.now ?? new Date()
  return db.$transaction(async (tx) => {
    const moved = await tx.audienceQuestion.updateMany({
      where: { id: input.questionId, eventId: event.id, state: input.from },
      data: { state: input.state, stateChangedAt: now },
    })
    if (moved.count === 0) {
      const current = await tx.audienceQuestion.findFirst({ where: { id: input.questionId, eventId: event.id }, select: { state: true } })
      if (!current) throw new NotFoundError('questions.error.notFound')
      if (current.state === input.state) return { changed: false }
      throw new DomainError('questions.error.changedMeanwhile', 409)
    }
    await recordAudit(tx, {
      organizationId: input.access.organization.id,
      actorId: input.access.personId,
      action: 'audienceQuestion.moderated',
      entityType: 'event',
      entityId: event.id,
      data: { questionId: input.questionId, from: input.from, to: input.state },
    })
    return { changed: true }
  })
}

/**
 * Every question of the event as CSV (the shared writer, either dialect), oldest first: session,
 * question, name (empty when anonymous), anonymous, state, sent. Viewers may export (they may read
 * the list); the export is audited (who, which event, how many) like the registrations' export.
 */
export async function exportQuestions(input: { access: Access; eventId: string; dialect: CsvDialect; locale: Locale }) {
  const { locale } = input
  const event = await managedEvent(input.access, input.eventId)
  const rows = await db.audienceQuestion.findMany({
    where: { eventId: event.id },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: {
      text: true,
      state: true,
      isAnonymous: true,
      createdAt: true,
      registration: { select: { name: true } },
      item: { select: { id: true, titleSv: true, titleEn: true, startsAt: true, endsAt: true } },
    },
    take: 20_000,
  })
  await db.$transaction((tx) =>
    recordAudit(tx, {
      organizationId: input.access.organization.id,
      actorId: input.access.personId,
      action: 'event.questionsExported',
      entityType: 'event',
      entityId: event.id,
      data: { format: input.dialect, rows: rows.length },
    }),
  )
  const words = { yes: t(locale, 'questions.export.yes'), no: t(locale, 'questions.export.no') }
  const body = csvStream({
    dialect: input.dialect,
    header: ['session', 'question', 'name', 'anonymous', 'state', 'sent'].map((column) =>
      t(locale, `questions.export.col.${column}` as 'questions.export.col.name'),
    ),
    words,
    rows: [
      rows.map((row) => [
        row.item ? sessionLabel(row.item, locale) : t(locale, 'questions.wholeEvent'),
        row.text,
        row.isAnonymous ? '' : row.registration.name,
        row.isAnonymous,
        t(locale, `questions.state.${row.state}`),
        row.createdAt,
      ]),
    ],
  })
  return {
    body,
    contentType: CSV_CONTENT_TYPE,
    disposition: attachmentDisposition(`${t(locale, 'questions.export.filename')}-${event.slug}.csv`),
  }
}

// ---------------------------------------------------------------------------------------------
// The panel screen
// ---------------------------------------------------------------------------------------------

/** The panel link's token for a session: derived from its id (a programme item's, or the event's for the whole event), never stored. */
export function panelToken(key: string): string {
  return deriveToken('panel', key)
}

/** /panel/<key>/<token> (or /en/…): the big-type screen for the stage. */
export function panelPath(key: string, locale: Locale): string {
  return localePath(locale, `/panel/${key}/${panelToken(key)}`)
}

export function panelUrl(key: string, locale: Locale): string {
  return `${config().appUrl.replace(/\/$/, '')}${panelPath(key, locale)}`
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

export type PanelScreen = {
  eventTitle: string
  sessionTitle: string
  when: string
  questions: { id: string; text: string; asker: string | null }[]
}

/**
 * The selected questions of one session for the screen on stage, in the order they were selected;
 * never hidden ones, never the name of an anonymous asker. `key` is a programme item's id, or the
 * event's id for the questions to the whole event. Throws NotFound for a wrong token (compared in
 * constant time) and once the link is past PANEL_LINK_AFTER_END_MS after the session ended.
 */
export async function getPanelScreen(input: { key: string; token: string; locale: Locale; now?: Date }): Promise<PanelScreen> {
  const now = input.now ?? new Date()
  const key = z.uuid().safeParse(input.key).data
  if (!key || !isTokenShaped(input.token) || !sameToken(input.token, panelToken(key))) throw new NotFoundError('questions.error.panelNotFound')
  const item = await db.programmeItem.findUnique({
    where: { id: key },
    select: { id: true, titleSv: true, titleEn: true, startsAt: true, endsAt: true, event: { select: { id: true, titleSv: true, titleEn: true } } },
  })
  const event = item
    ? { ...item.event, startsAt: item.startsAt, endsAt: item.endsAt }
    : await db.event.findUnique({ where: { id: key }, select: { id: true, titleSv: true, titleEn: true, startsAt: true, endsAt: true } })
  if (!event) throw new NotFoundError('questions.error.panelNotFound')
  // The session's own times for an item, the event's for the whole event.
  const span = { startsAt: event.startsAt, endsAt: event.endsAt }
  if (span.endsAt.getTime() + PANEL_LINK_AFTER_END_MS < now.getTime()) throw new NotFoundError('questions.error.panelNotFound')
  const questions = await db.audienceQuestion.findMany({
    where: { eventId: event.id, itemId: item ? item.id : null, state: 'selected' },
    orderBy: [{ stateChangedAt: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
    select: { id: true, text: true, isAnonymous: true, registration: { select: { name: true } } },
    take: 200,
  })
  return {
    eventTitle: pick(event, 'title', input.locale),
    sessionTitle: item ? pick(item, 'title', input.locale) : t(input.locale, 'questions.wholeEvent'),
    when: `${formatDate(span.startsAt, input.locale)}, ${formatTimeRange(span.startsAt, span.endsAt, input.locale)}`,
    questions: questions.map((question) => ({ id: question.id, text: question.text, asker: question.isAnonymous ? null : question.registration.name })),
  }
}
