import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { runAction, runLoader } from '~/actions.server.ts'
import { getModeration, ModerateSchema, ModerationQuerySchema, setQuestionState } from '~/audience-questions/questions.server.ts'
import { QUESTION_STATES } from '~/audience-questions/states.ts'
import { SelectField } from '~/components/console/fields.tsx'
import { IntentForm } from '~/components/intent-form.tsx'
import { requireConsole } from '~/console/access.server.ts'
import { consoleMeta, consolePath } from '~/console/paths.ts'
import type { FormAnswer } from '~/errors.server.ts'
import { pick, t } from '~/i18n/index.ts'
import { parseId } from '~/ids.server.ts'
import type { ConsoleHandle } from './organizer.tsx'

const INTENTS = ['moderate'] as const

/** The moderator console of audience questions (ADR 0029): per session, filtered by state; organizers move questions, viewers read. */
export async function loader(args: LoaderFunctionArgs) {
  return runLoader(args, async () => {
    const { access, locale } = await requireConsole(args.request, args.params, 'viewer')
    const eventId = parseId(args.params.id, 'error.eventNotFound')
    const url = new URL(args.request.url)
    const query = ModerationQuerySchema.parse({ session: url.searchParams.get('session') ?? undefined, state: url.searchParams.get('state') ?? undefined })
    const moderation = await getModeration({ access, eventId, query, locale })
    return json({
      locale,
      orgSlug: access.organization.slug,
      event: { id: moderation.event.id, titleSv: moderation.event.titleSv, titleEn: moderation.event.titleEn },
      canModerate: moderation.canModerate,
      query,
      choices: moderation.choices,
      sessions: moderation.sessions,
    })
  })
}

export async function action(args: ActionFunctionArgs) {
  return runAction(args, async (form) => {
    const { access, locale } = await requireConsole(args.request, args.params, 'organizer')
    const eventId = parseId(args.params.id, 'error.eventNotFound')
    form.intentOf(INTENTS, 'moderate')
    const input = form.parse(ModerateSchema)
    await setQuestionState({ access, eventId, ...input })
    const back = new URL(args.request.url).searchParams
    const keep = new URLSearchParams()
    for (const name of ['session', 'state']) {
      const value = back.get(name)
      if (value) keep.set(name, value)
    }
    keep.set('done', 'moderated')
    return redirect(consolePath(locale, `/organizer/${access.organization.slug}/events/${eventId}/questions?${keep.toString()}`))
  })
}

type Data = { event?: { id: string } }

export const handle: ConsoleHandle = {
  breadcrumb: (data, locale) => ((data as Data | undefined)?.event ? { label: t(locale, 'questions.console.link'), to: '' } : null),
}

export default function AudienceQuestions() {
  const { locale, orgSlug, event, canModerate, query, choices, sessions } = useLoaderData<typeof loader>()
  const answer = useActionData<FormAnswer>()
  const [search] = useSearchParams()
  const eventPath = `/organizer/${orgSlug}/events/${event.id}`
  const here = `${eventPath}/questions`
  const keep = new URLSearchParams()
  if (query.session !== 'all') keep.set('session', query.session)
  if (query.state !== 'all') keep.set('state', query.state)
  const action = consolePath(locale, keep.toString() ? `${here}?${keep.toString()}` : here)
  return (
    <>
      <h1>{t(locale, 'questions.console.title', { title: pick(event, 'title', locale) })}</h1>
      <p className="console-actions">
        <Link to={consolePath(locale, eventPath)}>{t(locale, 'organizer.registrations.backToEvent')}</Link>
      </p>
      <p>{t(locale, 'questions.console.intro')}</p>
      {search.get('done') === 'moderated' && !answer ? (
        <p className="success" role="status">
          {t(locale, 'questions.console.done')}
        </p>
      ) : null}
      {answer ? (
        <p className="form-error" role="alert">
          {answer.formError}
        </p>
      ) : null}
      {!canModerate ? <p className="console-muted">{t(locale, 'questions.console.readOnly')}</p> : null}

      <section className="panel" aria-labelledby="question-filter">
        <h2 id="question-filter">{t(locale, 'questions.console.filterHeading')}</h2>
        <Form method="get" className="console-form console-form--inline">
          {locale === 'en' ? <input type="hidden" name="lang" value="en" /> : null}
          <SelectField
            name="session"
            label={t(locale, 'questions.console.filter.session')}
            value={query.session}
            options={[
              { value: 'all', label: t(locale, 'questions.console.filter.allSessions') },
              ...choices.map((choice) => ({ value: choice.value, label: t(locale, 'questions.console.choice', { label: choice.label, count: choice.total }) })),
            ]}
          />
          <SelectField
            name="state"
            label={t(locale, 'questions.console.filter.state')}
            value={query.state}
            options={[
              { value: 'all', label: t(locale, 'questions.console.filter.allStates') },
              ...QUESTION_STATES.map((state) => ({ value: state, label: t(locale, `questions.state.${state}`) })),
            ]}
          />
          <button type="submit">{t(locale, 'questions.console.filter.submit')}</button>
        </Form>
      </section>

      {sessions.map((session) => (
        <section key={session.key} aria-labelledby={`session-${session.key}`}>
          <h2 id={`session-${session.key}`}>{session.label}</h2>
          <p className="console-muted">{t(locale, 'questions.console.counts', session.counts)}</p>
          <p>
            <a href={session.panelUrl} target="_blank" rel="noreferrer">
              {t(locale, 'questions.console.panelLink')}
              <span className="visually-hidden">: {session.label}</span>
            </a>
            <br />
            <span className="console-muted">{t(locale, 'questions.console.panelHint')}</span>
          </p>
          {session.questions.length === 0 ? (
            <p className="console-empty">{t(locale, 'questions.console.none')}</p>
          ) : (
            <div className="console-table-wrap">
              <table className="console-table">
                <caption>{t(locale, 'questions.console.caption', { session: session.label })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t(locale, 'questions.console.col.question')}</th>
                    <th scope="col">{t(locale, 'questions.console.col.asker')}</th>
                    <th scope="col">{t(locale, 'questions.console.col.sent')}</th>
                    <th scope="col">{t(locale, 'questions.console.col.state')}</th>
                    {canModerate ? <th scope="col">{t(locale, 'questions.console.col.actions')}</th> : null}
                  </tr>
                </thead>
                <tbody>
                  {session.questions.map((question) => (
                    <tr key={question.id} data-question={question.id}>
                      <td className="audience-question__text">{question.text}</td>
                      <td>{question.asker ?? <em>{t(locale, 'questions.console.anonymous')}</em>}</td>
                      <td>{question.sentAt}</td>
                      <td>{t(locale, `questions.state.${question.state}`)}</td>
                      {canModerate ? (
                        <td>
                          <div className="console-row-actions">
                            {QUESTION_STATES.filter((state) => state !== question.state).map((state) => (
                              <IntentForm
                                key={state}
                                action={action}
                                intent="moderate"
                                fields={{ questionId: question.id, from: question.state, state }}
                                submit={{
                                  label: t(locale, `questions.console.action.${state}`),
                                  ariaLabel: t(locale, 'questions.console.actionLabel', {
                                    action: t(locale, `questions.console.action.${state}`),
                                    text: question.text.length > 60 ? `${question.text.slice(0, 60)}…` : question.text,
                                  }),
                                  className: state === 'selected' ? undefined : 'button--secondary',
                                }}
                              />
                            ))}
                          </div>
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ))}

      <section className="panel" aria-labelledby="question-export">
        <h2 id="question-export">{t(locale, 'questions.console.exportHeading')}</h2>
        <ul>
          <li>
            <a href={consolePath(locale, `${here}/export?format=excel-sv`)} download>
              {t(locale, 'questions.console.exportExcel')}
            </a>
          </li>
          <li>
            <a href={consolePath(locale, `${here}/export?format=rfc4180`)} download>
              {t(locale, 'questions.console.exportRfc')}
            </a>
          </li>
        </ul>
      </section>
    </>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const locale = data?.locale ?? 'sv'
  return consoleMeta(data ? t(locale, 'questions.console.title', { title: pick(data.event, 'title', locale) }) : t(locale, 'organizer.console'))
}
