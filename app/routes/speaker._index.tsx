import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { runAction, runLoader } from '~/actions.server.ts'
import { assertSameOrigin, requirePerson } from '~/accounts/session.server.ts'
import { AddToCalendar } from '~/components/add-to-calendar.tsx'
import { IntentForm } from '~/components/intent-form.tsx'
import { consoleMeta, consolePath } from '~/console/paths.ts'
import { localePath, pick, t } from '~/i18n/index.ts'
import { enablePersonalFeed, findPersonalFeedUrl, revokePersonalFeed } from '~/registrations/personal-feed.server.ts'
import { editsAllowed, editsCloseAt, listOwnOpenInvitations, listOwnSessions, ownProfiles } from '~/speakers/own.server.ts'
import { formatDateTime, formatEventWhen } from '~/time.ts'

const INTENTS = ['calendar-on', 'calendar-off'] as const

/** Every session the signed-in speaker has, across events and organizations, upcoming first; open invitations; the personal calendar feed. */
export async function loader(args: LoaderFunctionArgs) {
  return runLoader(args, async (locale) => {
    const person = await requirePerson(args.request)
    const [sessions, invitations, profiles, feedUrl] = await Promise.all([
      listOwnSessions(person.id),
      listOwnOpenInvitations(person.email, locale),
      ownProfiles(person.id),
      findPersonalFeedUrl(person.email, locale),
    ])
    const now = new Date()
    const view = sessions.map(({ role, item, recordingConsent, techNeeds }) => ({
      id: item.id,
      role,
      title: pick(item, 'title', locale),
      when: formatEventWhen(item.startsAt, item.endsAt, locale),
      past: item.endsAt < now,
      room: item.room?.name ?? null,
      event: {
        title: pick(item.event, 'title', locale),
        slug: item.event.slug,
        organization: item.event.organization.name,
        cancelled: item.event.status === 'cancelled',
      },
      editable: editsAllowed(item.event, now),
      editsClose: formatDateTime(editsCloseAt(item.event), locale),
      pendingEdit: item.edits.length > 0,
      answered: recordingConsent !== null || techNeeds !== '',
    }))
    return json(
      {
        locale,
        name: person.name || person.email,
        profiles: profiles.map((profile) => ({ slug: profile.slug, name: profile.name })),
        upcoming: view.filter((session) => !session.past),
        past: view.filter((session) => session.past),
        invitations: invitations.map((invitation) => ({
          id: invitation.id,
          url: invitation.url,
          role: invitation.role,
          event: pick(invitation.event, 'title', locale),
          answerBy: formatDateTime(invitation.answerBy, locale),
        })),
        feedUrl,
      },
      { headers: { 'Cache-Control': 'private, no-store' } },
    )
  })
}

/** Turns the speaker's personal calendar feed (their sessions and registrations) on or off. */
export async function action(args: ActionFunctionArgs) {
  return runAction(args, async (form) => {
    const person = await requirePerson(args.request)
    // A cookie authorizes this change, so the form must be ours (as requireConsole checks in the console).
    assertSameOrigin(args.request)
    const intent = form.intentOf(INTENTS)
    if (intent === 'calendar-on') await enablePersonalFeed({ emailNormalized: person.email })
    else await revokePersonalFeed({ emailNormalized: person.email })
    return redirect(consolePath(form.locale, `/speaker?done=${intent}`), 303)
  })
}

type Session = ReturnType<typeof useLoaderData<typeof loader>>['upcoming'][number]

function SessionList({ sessions, locale, label }: { sessions: Session[]; locale: 'sv' | 'en'; label: string }) {
  return (
    <ul className="speaker-sessions" aria-label={label}>
      {sessions.map((session) => (
        <li key={session.id} className="panel">
          <h3>
            <Link to={consolePath(locale, `/speaker/sessions/${session.id}`)}>{session.title}</Link>
          </h3>
          <p>
            {session.event.cancelled ? <strong>{t(locale, 'speakerArea.cancelled')} </strong> : null}
            <Link to={localePath(locale, `/events/${session.event.slug}`)}>{session.event.title}</Link> · {session.event.organization}
          </p>
          <dl className="facts">
            <dt>{t(locale, 'speakers.invitation.when')}</dt>
            <dd>{session.when}</dd>
            <dt>{t(locale, 'speakers.invitation.role')}</dt>
            <dd>{t(locale, `speakers.role.${session.role}`)}</dd>
            {session.room ? (
              <>
                <dt>{t(locale, 'speakerArea.room')}</dt>
                <dd>{session.room}</dd>
              </>
            ) : null}
          </dl>
          <p className="console-muted">
            {session.pendingEdit
              ? t(locale, 'speakerArea.pendingEdit')
              : session.editable
                ? t(locale, 'speakerArea.editsUntil', { when: session.editsClose })
                : t(locale, 'speakerArea.editsClosed')}
            {session.answered ? null : ` ${t(locale, 'speakerArea.answersMissing')}`}
          </p>
        </li>
      ))}
    </ul>
  )
}

export default function SpeakerHome() {
  const { locale, name, profiles, upcoming, past, invitations, feedUrl } = useLoaderData<typeof loader>()
  const [search] = useSearchParams()
  const done = search.get('done')
  const welcome = search.get('welcome') === '1'
  return (
    <>
      <h1>{t(locale, 'speakerArea.heading', { name })}</h1>
      {welcome ? (
        <p className="success" role="status">
          {t(locale, 'speakerArea.welcome')}
        </p>
      ) : null}
      {done === 'calendar-on' || done === 'calendar-off' ? (
        <p className="success" role="status">
          {t(locale, done === 'calendar-on' ? 'manage.calendarFeedReady' : 'manage.calendarFeedRevoked')}
        </p>
      ) : null}
      <p>{t(locale, 'speakerArea.intro')}</p>
      {profiles.length ? (
        <p className="console-actions">
          {profiles.map((profile) => (
            <Link key={profile.slug} to={consolePath(locale, `/speaker/profile${profiles.length > 1 ? `?profile=${profile.slug}` : ''}`)}>
              {t(locale, 'speakerArea.editProfile', { name: profile.name })}
            </Link>
          ))}
          {profiles.map((profile) => (
            <Link key={`public-${profile.slug}`} to={localePath(locale, `/speakers/${profile.slug}`)}>
              {t(locale, 'speakerArea.publicProfile', { name: profile.name })}
            </Link>
          ))}
        </p>
      ) : (
        <p className="console-empty">{t(locale, 'speakerArea.noProfile')}</p>
      )}

      {invitations.length ? (
        <section aria-labelledby="open-invitations">
          <h2 id="open-invitations">{t(locale, 'speakerArea.openInvitations')}</h2>
          <ul>
            {invitations.map((invitation) => (
              <li key={invitation.id}>
                <a href={invitation.url}>
                  {t(locale, 'speakerArea.invitationLink', { event: invitation.event, role: t(locale, `speakers.role.${invitation.role}`) })}
                </a>{' '}
                {t(locale, 'speakerArea.answerBy', { when: invitation.answerBy })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="upcoming-sessions">
        <h2 id="upcoming-sessions">{t(locale, 'speakerArea.upcoming')}</h2>
        <p className="field__hint">{t(locale, 'speakers.invitation.timeZone')}</p>
        {upcoming.length ? (
          <SessionList sessions={upcoming} locale={locale} label={t(locale, 'speakerArea.upcoming')} />
        ) : (
          <p className="console-empty">{t(locale, 'speakerArea.none')}</p>
        )}
      </section>

      <section aria-labelledby="speaker-calendar" className="panel">
        <h2 id="speaker-calendar">{t(locale, 'speakerArea.calendarHeading')}</h2>
        <p>{t(locale, 'speakerArea.calendarIntro')}</p>
        {feedUrl ? (
          <>
            <AddToCalendar locale={locale} feedUrl={feedUrl} name={t(locale, 'speakerArea.calendarName')} id="speaker" />
            <IntentForm intent="calendar-off" submit={{ label: t(locale, 'manage.calendarFeedOff'), className: 'button--secondary' }} />
          </>
        ) : (
          <IntentForm intent="calendar-on" submit={{ label: t(locale, 'manage.calendarFeedOn') }} />
        )}
      </section>

      {past.length ? (
        <section aria-labelledby="past-sessions">
          <h2 id="past-sessions">{t(locale, 'speakerArea.past')}</h2>
          <SessionList sessions={past} locale={locale} label={t(locale, 'speakerArea.past')} />
        </section>
      ) : null}
    </>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => consoleMeta(t(data?.locale ?? 'sv', 'speakerArea.sessions'))
