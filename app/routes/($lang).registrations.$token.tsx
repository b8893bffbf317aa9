import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { runAction } from '../actions.server.ts'
import { attendeeTicket } from '../check-in/check-in.server.ts'
import { CheckInCode } from '../components/manage/check-in-code.tsx'
import { errorTitle, PublicErrorBoundary } from '../components/error-page.tsx'
import { ManageView } from '../components/manage-registration.tsx'
import { AudienceQuestionsPanel } from '../components/manage/questions.tsx'
import { askQuestion, AskQuestionSchema, getAttendeeQuestions } from '../audience-questions/questions.server.ts'
import { MyProgrammePanel } from '../components/manage/my-programme.tsx'
import { ErasedPage, ErasurePanel, type ErasurePreviewView } from '../components/manage/erasure.tsx'
import { PersonalCalendarPanel } from '../components/personal-calendar-panel.tsx'
import { DomainError, notFound, type FormAnswer } from '../errors.server.ts'
import { localePath, pick, t } from '../i18n/index.ts'
import { privacyNoticePath } from '../privacy/paths.ts'
import { publicLocale } from '../public/route.server.ts'
import { eraseMyData, findErasedByToken, previewErasure } from '../privacy/erasure.server.ts'
import { loadRegistrationForm, parseDetails } from '../registrations/form.server.ts'
import {
  cancelRegistration,
  cancelSeriesSignup,
  changeAttendanceMode,
  findRegistrationByToken,
  joinSeriesPart,
  setItemSignups,
  updateRegistrationDetails,
} from '../registrations/manage.server.ts'
import { getMyProgramme, starItem, unstarItem } from '../registrations/my-programme.server.ts'
import { buildManageView } from '../registrations/manage-view.server.ts'
import { enablePersonalFeed, findPersonalFeedUrl, revokePersonalFeed } from '../registrations/personal-feed.server.ts'

const INTENTS = [
  'cancel',
  'cancel-series',
  'mode',
  'details',
  'items',
  'join-part',
  'calendar-on',
  'calendar-off',
  'ask',
  'star',
  'unstar',
  'erase',
  'erase-confirm',
] as const
/** The intents whose outcome the page's own panels show (questions, Mitt program, erasure), not ManageView. */
const PANEL_INTENTS = ['ask', 'star', 'unstar', 'erase', 'erase-confirm'] as const
const StarSchema = z.object({ itemId: z.uuid() })

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = publicLocale(request, params)
  const registration = await findRegistrationByToken(params.token ?? '')
  if (!registration) {
    // Erased (or anonymized by retention): the link opens nothing, and says why (ADR 0031).
    if (await findErasedByToken(params.token ?? ''))
      return json({ erased: true as const, locale }, { status: 410, headers: { 'Cache-Control': 'private, no-store' } })
    throw notFound(locale, 'registration.error.notFound')
  }
  const form = await loadRegistrationForm({ id: registration.eventId }, locale).catch(() => null)
  if (!form) throw notFound(locale, 'registration.error.notFound')
  const done = new URL(request.url).searchParams.get('done')
  const view = await buildManageView(registration, form, locale)
  const calendarFeedUrl = await findPersonalFeedUrl(registration.emailNormalized, locale)
  const audienceQuestions = await getAttendeeQuestions({ registration, locale })
  const myProgramme = await getMyProgramme({ registration, locale })
  const ticket = attendeeTicket(registration, registration.event, locale)
  const checkIn = ticket ? { ...ticket, imageUrl: localePath(locale, `/registrations/${params.token}/check-in.png`) } : null
  const privacy = {
    dataPath: localePath(locale, `/registrations/${params.token}/data`),
    noticePath: privacyNoticePath(registration.event.organization.slug, locale, registration.privacyVersion ?? undefined),
    organizationName: registration.event.organization.name,
    version: registration.privacyVersion,
  }
  return json(
    {
      erased: false as const,
      managePath: localePath(locale, `/registrations/${params.token}`),
      locale,
      view,
      calendarFeedUrl,
      audienceQuestions,
      myProgramme,
      checkIn,
      privacy,
      done: INTENTS.find((intent) => intent === done) ?? null,
    },
    { headers: { 'Cache-Control': 'private, no-store' } },
  )
}

export async function action(args: ActionFunctionArgs) {
  return runAction(args, async (submitted) => {
    const locale = publicLocale(args.request, args.params)
    const registration = await findRegistrationByToken(args.params.token ?? '')
    if (!registration) throw new DomainError('registration.error.notFound', 404)
    const intent = submitted.intentOf(INTENTS)
    const by = { by: 'attendee' as const }
    // "Radera mina uppgifter": the first POST only shows what goes; the second erases (ADR 0031).
    if (intent === 'erase') {
      const preview = await previewErasure({ emailNormalized: registration.emailNormalized })
      const erasePreview: ErasurePreviewView = {
        registrations: preview.registrations.map((r) => ({
          id: r.id,
          eventTitle: pick({ titleSv: r.eventTitleSv, titleEn: r.eventTitleEn }, 'title', locale),
          startsAt: r.startsAt.toISOString(),
          statusLabel: t(locale, `registrationStatus.${r.status}` as 'registrationStatus.confirmed'),
        })),
        audienceQuestions: preview.audienceQuestions,
      }
      return json({ erasePreview }, { headers: { 'Cache-Control': 'private, no-store' } })
    }
    if (intent === 'erase-confirm') {
      await eraseMyData({ token: args.params.token ?? '' })
      return redirect(localePath(locale, `/registrations/${args.params.token}`), 303)
    }
    if (intent === 'star' || intent === 'unstar') {
      const { itemId } = submitted.parse(StarSchema)
      await (intent === 'star' ? starItem : unstarItem)({ registrationId: registration.id, itemId })
    } else if (intent === 'ask') await askQuestion({ registration, question: submitted.parse(AskQuestionSchema) })
    else if (intent === 'calendar-on') await enablePersonalFeed({ emailNormalized: registration.emailNormalized })
    else if (intent === 'calendar-off') await revokePersonalFeed({ emailNormalized: registration.emailNormalized })
    else if (intent === 'cancel') await cancelRegistration({ ...by, registrationId: registration.id })
    else if (intent === 'cancel-series') {
      if (!registration.seriesSignupId) throw new DomainError('error.badRequest', 400)
      await cancelSeriesSignup({ ...by, seriesSignupId: registration.seriesSignupId })
    } else if (intent === 'mode') {
      const mode = submitted.values.mode
      if (mode !== 'on_site' && mode !== 'online') throw new DomainError('registration.error.attendance', 400, {}, 'mode')
      await changeAttendanceMode({ ...by, registrationId: registration.id, mode })
    } else if (intent === 'details') {
      const form = await loadRegistrationForm({ id: registration.eventId }, locale)
      const input = submitted.check(parseDetails(submitted.values, form))
      await updateRegistrationDetails({ ...by, registrationId: registration.id, ...input })
    } else if (intent === 'items') {
      const form = await loadRegistrationForm({ id: registration.eventId }, locale)
      const itemIds = form.items.filter((item) => submitted.values[`item_${item.id}`] === 'yes').map((item) => item.id)
      await setItemSignups({ ...by, registrationId: registration.id, itemIds })
    } else {
      const eventId = submitted.values.eventId ?? ''
      if (!registration.seriesSignupId || !registration.seriesSignup?.series.parts.some((part) => part.id === eventId))
        throw new DomainError('error.badRequest', 400)
      await joinSeriesPart({ seriesSignupId: registration.seriesSignupId, eventId })
    }
    // The manage link itself may have changed (cancelled, then registered again): go back by path.
    return redirect(
      `${localePath(locale, `/registrations/${args.params.token}`)}?done=${intent}${intent === 'ask' ? '#questions' : intent === 'star' || intent === 'unstar' ? '#my-programme' : ''}`,
      303,
    )
  })
}

export default function ManageRegistrationPage() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<FormAnswer | { erasePreview: ErasurePreviewView }>()
  if (data.erased) return <ErasedPage locale={data.locale} />
  const { locale, view, done, calendarFeedUrl, audienceQuestions, myProgramme, checkIn, managePath, privacy } = data
  const forPanel = (intent: string | null | undefined) => PANEL_INTENTS.some((panel) => panel === intent)
  const answer = actionData && 'formError' in actionData ? actionData : undefined
  const erasePreview = actionData && 'erasePreview' in actionData ? actionData.erasePreview : null
  return (
    <main id="main" className="container page manage-page">
      <p>
        <Link to={localePath(locale, `/events/${view.event.slug}`)}>{t(locale, 'manage.eventPage')}</Link>
      </p>
      <h1>{t(locale, 'manage.title')}</h1>
      {checkIn ? <CheckInCode locale={locale} ticket={checkIn} eventTitle={view.event.title} /> : null}
      <ManageView
        locale={locale}
        view={view}
        done={done === 'ask' || done === 'star' || done === 'unstar' || done === 'erase' || done === 'erase-confirm' ? null : done}
        answer={forPanel(answer?.intent) ? undefined : answer}
      />
      <MyProgrammePanel locale={locale} programme={myProgramme} done={done === 'star' || done === 'unstar' ? done : null} answer={answer} />
      <AudienceQuestionsPanel locale={locale} questions={audienceQuestions} sent={done === 'ask'} answer={answer} />
      <PersonalCalendarPanel locale={locale} feedUrl={calendarFeedUrl} />
      <section className="panel" aria-labelledby="my-data-heading">
        <h2 id="my-data-heading">{t(locale, 'privacy.console.acceptedHeading')}</h2>
        <p>
          <Link to={privacy.dataPath}>{t(locale, 'myData.link')}</Link>
        </p>
        <p>
          <a href={privacy.noticePath}>
            {privacy.version
              ? t(locale, 'privacy.consent.link', { organization: privacy.organizationName, version: privacy.version })
              : t(locale, 'privacy.notice.title', { organization: privacy.organizationName })}
          </a>
        </p>
      </section>
      <ErasurePanel
        locale={locale}
        preview={erasePreview}
        managePath={managePath}
        error={answer?.intent === 'erase' || answer?.intent === 'erase-confirm' ? answer.formError : undefined}
      />
    </main>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, error, location }) => {
  if (!data) return [{ title: errorTitle(location.pathname, error) }]
  if (data.erased) return [{ title: `${t(data.locale, 'erasure.goneTitle')} – ${t(data.locale, 'app.name')}` }, { name: 'robots', content: 'noindex' }]
  return [{ title: `${t(data.locale, 'manage.title')}: ${data.view.event.title} – ${t(data.locale, 'app.name')}` }, { name: 'robots', content: 'noindex' }]
}

export const ErrorBoundary = PublicErrorBoundary
