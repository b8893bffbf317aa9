import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { CheckboxField, ErrorSummary, SelectField, TextAreaField, TextField } from '~/components/console/fields.tsx'
import { runAction, runLoader } from '~/actions.server.ts'
import { requireConsole } from '~/console/access.server.ts'
import { consoleMeta, consolePath, fieldId } from '~/console/paths.ts'
import { DomainError, type FormAnswer } from '~/errors.server.ts'
import { getEventForEditing } from '~/events/editing.server.ts'
import { localePath, pick, t } from '~/i18n/index.ts'
import { asUuid, parseId } from '~/ids.server.ts'
import { canManageEvents } from '~/organizations/access.server.ts'
import { PROPOSAL_FORMATS, PROPOSAL_LENGTHS, PROPOSAL_LIMITS } from '~/proposals/call-options.ts'
import {
  acceptProposal,
  commentOnProposal,
  declineProposal,
  getCallSettings,
  getProposalForReview,
  listProposals,
  rateProposal,
  saveCallSettings,
} from '~/proposals/review.server.ts'
import { formatDateTime, parseStockholmLocal, toLocalInputValue } from '~/time.ts'
import type { ConsoleHandle } from './organizer.tsx'

const INTENTS = ['settings', 'rate', 'comment', 'accept', 'decline'] as const
const STATUSES = ['submitted', 'accepted', 'declined', 'withdrawn'] as const

const StatusFilterSchema = z.enum(STATUSES).optional().catch(undefined)

const SettingsSchema = z.object({
  isOpen: z.literal('yes').optional(),
  closesAt: z
    .string()
    .trim()
    .default('')
    .refine((value) => value === '' || parseStockholmLocal(value) !== null, { message: 'form.invalid' }),
  introSv: z.string().max(PROPOSAL_LIMITS.intro).default(''),
  introEn: z.string().max(PROPOSAL_LIMITS.intro).default(''),
})

const RateSchema = z.object({ score: z.coerce.number({ error: 'proposals.console.scoreRange' }).int().min(1).max(5) })
const CommentSchema = z.object({ body: z.string().trim().min(1).max(PROPOSAL_LIMITS.comment) })
const DecisionSchema = z.object({ message: z.string().max(PROPOSAL_LIMITS.message).default('') })

/** The call's settings and the proposals (filter `?status=`), or one proposal (`?id=`). Viewers may look; another organization's event is a 404. */
export async function loader(args: LoaderFunctionArgs) {
  return runLoader(args, async () => {
    const { access, locale } = await requireConsole(args.request, args.params, 'viewer')
    const eventId = parseId(args.params.id, 'error.eventNotFound')
    const search = new URL(args.request.url).searchParams
    const status = StatusFilterSchema.parse(search.get('status') ?? undefined)
    const rawId = search.get('id')
    const proposalId = rawId === null ? null : asUuid(rawId)
    if (rawId !== null && !proposalId) throw new DomainError('proposals.console.notFound', 404)
    const [event, settings, list, proposal] = await Promise.all([
      getEventForEditing({ access, eventId }),
      getCallSettings({ access, eventId }),
      listProposals({ access, eventId, status }),
      proposalId ? getProposalForReview({ access, eventId, proposalId }) : null,
    ])
    return json({
      locale,
      orgSlug: access.organization.slug,
      canEdit: canManageEvents(access.role),
      event: { id: event.id, slug: event.slug, status: event.status, titleSv: event.titleSv, titleEn: event.titleEn },
      settings: {
        isOpen: settings.isOpen,
        state: settings.state,
        closesAt: settings.closesAt ? toLocalInputValue(settings.closesAt) : '',
        deadline: settings.closesAt ? formatDateTime(settings.closesAt, locale) : null,
        introSv: settings.introSv,
        introEn: settings.introEn,
        formats: settings.formats as string[],
        lengths: settings.lengths,
      },
      status: status ?? null,
      counts: list.counts,
      proposals: list.proposals.map((row) => ({ ...row, submittedAt: formatDateTime(row.submittedAt, locale) })),
      proposal: proposal
        ? {
            ...proposal,
            submittedAt: formatDateTime(proposal.submittedAt, locale),
            decidedAt: proposal.decidedAt ? formatDateTime(proposal.decidedAt, locale) : null,
            comments: proposal.comments.map((comment) => ({ ...comment, createdAt: formatDateTime(comment.createdAt, locale) })),
          }
        : null,
    })
  })
}

/**
 * Organizers and owners (viewers get 403). intent=settings (`isOpen`, `closesAt` in Stockholm time,
 * `introSv`, `introEn`, `format_<type>` and `length_<minutes>` checkboxes); rate (`score` 1–5),
 * comment (`body`), accept and decline (`message`), each with `proposalId`. Each success
 * redirects back with `?done=`.
 */
export async function action(args: ActionFunctionArgs) {
  return runAction(args, async (form) => {
    const { access, locale } = await requireConsole(args.request, args.params, 'organizer')
    const eventId = parseId(args.params.id, 'error.eventNotFound')
    const intent = form.intentOf(INTENTS)
    const base = `/organizer/${access.organization.slug}/events/${eventId}/proposals`
    if (intent === 'settings') {
      const input = form.parse(SettingsSchema)
      await saveCallSettings({
        access,
        eventId,
        settings: {
          isOpen: input.isOpen === 'yes',
          closesAt: input.closesAt ? parseStockholmLocal(input.closesAt) : null,
          introSv: input.introSv,
          introEn: input.introEn,
          formats: PROPOSAL_FORMATS.filter((format) => form.values[`format_${format}`] === 'yes'),
          lengths: PROPOSAL_LENGTHS.filter((length) => form.values[`length_${length}`] === 'yes'),
        },
      })
      return redirect(consolePath(locale, `${base}?done=saved`))
    }
    const proposalId = asUuid(form.values.proposalId)
    if (!proposalId) throw new DomainError('proposals.console.notFound', 404)
    const target = { access, eventId, proposalId }
    const back = (done: string) => redirect(consolePath(locale, `${base}?id=${proposalId}&done=${done}`))
    switch (intent) {
      case 'rate':
        await rateProposal({ ...target, score: form.parse(RateSchema).score })
        return back('rated')
      case 'comment':
        await commentOnProposal({ ...target, body: form.parse(CommentSchema).body })
        return back('commented')
      case 'accept':
        await acceptProposal({ ...target, message: form.parse(DecisionSchema).message })
        return back('accepted')
      case 'decline':
        await declineProposal({ ...target, message: form.parse(DecisionSchema).message })
        return back('declined')
    }
  })
}

type Data = { event?: { id: string } }

export const handle: ConsoleHandle = {
  breadcrumb: (data, locale) => ((data as Data | undefined)?.event ? { label: t(locale, 'proposals.console.link'), to: '' } : null),
}

const DONE = {
  saved: 'proposals.console.done.saved',
  rated: 'proposals.console.done.rated',
  commented: 'proposals.console.done.commented',
  accepted: 'proposals.console.done.accepted',
  declined: 'proposals.console.done.declined',
} as const

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>

function rating(locale: LoaderData['locale'], average: number | null, count: number) {
  return average === null
    ? t(locale, 'proposals.console.noRatings')
    : t(locale, 'proposals.console.ratingValue', { average: average.toLocaleString(locale === 'sv' ? 'sv-SE' : 'en-GB'), count })
}

function Settings({ data, failure }: { data: LoaderData; failure?: FormAnswer }) {
  const { locale, settings } = data
  const value = (name: string, fallback: string) => failure?.values?.[name] ?? fallback
  const checked = (name: string, fallback: boolean) => (failure ? failure.values?.[name] === 'yes' : fallback)
  const labels = {
    closesAt: t(locale, 'proposals.console.closesAt'),
    formats: t(locale, 'proposals.console.formats'),
    lengths: t(locale, 'proposals.console.lengths'),
    introSv: t(locale, 'proposals.console.introSv'),
    introEn: t(locale, 'proposals.console.introEn'),
  }
  const group = (name: 'formats' | 'lengths', children: React.ReactNode) => (
    <fieldset
      id={fieldId(name)}
      tabIndex={-1}
      className={failure?.fieldErrors?.[name] ? 'field field--invalid' : 'field'}
      aria-describedby={failure?.fieldErrors?.[name] ? `${fieldId(name)}-error` : undefined}
    >
      <legend>{labels[name]}</legend>
      {failure?.fieldErrors?.[name] ? (
        <p className="field__error" id={`${fieldId(name)}-error`}>
          {failure.fieldErrors[name]}
        </p>
      ) : null}
      {children}
    </fieldset>
  )
  const publicPath = localePath(locale, `/events/${data.event.slug}/propose`)
  return (
    <section className="panel" aria-labelledby="call-heading">
      <h2 id="call-heading">{t(locale, 'proposals.console.settingsHeading')}</h2>
      <p>
        <strong>
          {settings.state === 'open' && settings.deadline
            ? t(locale, 'proposals.console.stateOpen', { deadline: settings.deadline })
            : t(locale, 'proposals.console.stateClosed')}
        </strong>
        {settings.state === 'open' && data.event.status === 'published' ? (
          <>
            {' '}
            <a href={publicPath}>{t(locale, 'proposals.console.publicLink')}</a>
          </>
        ) : null}
      </p>
      {data.canEdit ? (
        <Form method="post" className="console-form" noValidate>
          <input type="hidden" name="intent" value="settings" />
          {failure ? <ErrorSummary formError={failure.formError} fieldErrors={failure.fieldErrors} labels={labels} /> : null}
          <CheckboxField
            name="isOpen"
            value="yes"
            label={t(locale, 'proposals.console.isOpen')}
            hint={t(locale, 'proposals.console.isOpenHint')}
            checked={checked('isOpen', settings.isOpen)}
          />
          <TextField
            name="closesAt"
            type="datetime-local"
            label={labels.closesAt}
            hint={t(locale, 'proposals.console.closesAtHint')}
            value={value('closesAt', settings.closesAt)}
            error={failure?.fieldErrors?.closesAt}
          />
          <TextAreaField name="introSv" label={labels.introSv} value={value('introSv', settings.introSv)} maxLength={PROPOSAL_LIMITS.intro} rows={3} />
          <TextAreaField name="introEn" label={labels.introEn} value={value('introEn', settings.introEn)} maxLength={PROPOSAL_LIMITS.intro} rows={3} />
          {group(
            'formats',
            PROPOSAL_FORMATS.map((format) => (
              <CheckboxField
                key={format}
                name={`format_${format}`}
                value="yes"
                label={t(locale, `itemType.${format}`)}
                checked={checked(`format_${format}`, settings.formats.includes(format))}
              />
            )),
          )}
          {group(
            'lengths',
            PROPOSAL_LENGTHS.map((minutes) => (
              <CheckboxField
                key={minutes}
                name={`length_${minutes}`}
                value="yes"
                label={t(locale, 'proposals.minutes', { minutes })}
                checked={checked(`length_${minutes}`, settings.lengths.includes(minutes))}
              />
            )),
          )}
          <button type="submit">{t(locale, 'proposals.console.save')}</button>
        </Form>
      ) : (
        <dl className="facts">
          <dt>{labels.formats}</dt>
          <dd>{settings.formats.map((format) => t(locale, `itemType.${format as (typeof PROPOSAL_FORMATS)[number]}`)).join(', ')}</dd>
          <dt>{labels.lengths}</dt>
          <dd>{settings.lengths.map((minutes) => t(locale, 'proposals.minutes', { minutes })).join(', ')}</dd>
        </dl>
      )}
    </section>
  )
}

function ProposalList({ data }: { data: LoaderData }) {
  const { locale, counts, proposals } = data
  const total = Object.values(counts).reduce((sum, count) => sum + (count ?? 0), 0)
  const path = `/organizer/${data.orgSlug}/events/${data.event.id}/proposals`
  return (
    <section aria-labelledby="proposals-heading">
      <h2 id="proposals-heading">{t(locale, 'proposals.console.list')}</h2>
      <Form method="get" className="console-inline">
        {locale === 'en' ? <input type="hidden" name="lang" value="en" /> : null}
        <SelectField
          name="status"
          label={t(locale, 'proposals.console.filter')}
          value={data.status ?? ''}
          options={[
            { value: '', label: `${t(locale, 'proposals.console.filterAll')} (${total})` },
            ...STATUSES.map((status) => ({ value: status, label: `${t(locale, `proposals.status.${status}`)} (${counts[status] ?? 0})` })),
          ]}
        />
        <button type="submit" className="button--secondary">
          {t(locale, 'proposals.console.filterSubmit')}
        </button>
      </Form>
      {proposals.length === 0 ? (
        <p className="console-empty">{t(locale, 'proposals.console.none')}</p>
      ) : (
        <div className="console-table-wrap">
          <table className="console-table">
            <caption>{t(locale, 'proposals.console.caption', { count: proposals.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t(locale, 'proposals.console.col.title')}</th>
                <th scope="col">{t(locale, 'proposals.console.col.proposer')}</th>
                <th scope="col">{t(locale, 'proposals.console.col.format')}</th>
                <th scope="col">{t(locale, 'proposals.console.col.status')}</th>
                <th scope="col">{t(locale, 'proposals.console.col.rating')}</th>
                <th scope="col">{t(locale, 'proposals.console.col.submitted')}</th>
              </tr>
            </thead>
            <tbody>
              {proposals.map((row) => (
                <tr key={row.id}>
                  <th scope="row">
                    <Link to={consolePath(locale, `${path}?id=${row.id}`)}>{row.title}</Link>
                  </th>
                  <td>
                    {row.name}
                    {row.affiliation ? <span className="console-muted">, {row.affiliation}</span> : null}
                  </td>
                  <td>
                    {t(locale, `itemType.${row.format}`)}, {t(locale, 'proposals.minutes', { minutes: row.lengthMinutes })}
                  </td>
                  <td>
                    <strong>{t(locale, `proposals.status.${row.status}`)}</strong>
                  </td>
                  <td>{rating(locale, row.average, row.ratings)}</td>
                  <td>{row.submittedAt}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}

function ProposalDetail({ data, proposal, failure }: { data: LoaderData; proposal: NonNullable<LoaderData['proposal']>; failure?: FormAnswer }) {
  const { locale } = data
  const errorFor = (intent: string, field: string) => (failure?.intent === intent ? failure.fieldErrors?.[field] : undefined)
  const programmePath = consolePath(locale, `/organizer/${data.orgSlug}/events/${data.event.id}/programme`)
  return (
    <>
      <section className="panel" aria-labelledby="proposal-heading">
        <h2 id="proposal-heading">{proposal.title}</h2>
        <dl className="facts">
          <dt>{t(locale, 'proposals.console.col.status')}</dt>
          <dd>
            <strong>{t(locale, `proposals.status.${proposal.status}`)}</strong>
            {proposal.decidedAt ? ` – ${t(locale, 'proposals.console.decided', { when: proposal.decidedAt })}` : null}
          </dd>
          <dt>{t(locale, 'proposals.console.col.format')}</dt>
          <dd>
            {t(locale, `itemType.${proposal.format}`)}, {t(locale, 'proposals.minutes', { minutes: proposal.lengthMinutes })}
          </dd>
          <dt>{t(locale, 'proposals.console.col.submitted')}</dt>
          <dd>{proposal.submittedAt}</dd>
          <dt>{t(locale, 'proposals.console.language')}</dt>
          <dd>{t(locale, `organizer.invites.locale.${proposal.locale}`)}</dd>
        </dl>
        <h3>{t(locale, 'proposals.console.abstract')}</h3>
        <p className="prewrap">{proposal.abstract}</p>
        <h3>{t(locale, 'proposals.console.proposer')}</h3>
        <p>
          <strong>{proposal.name}</strong>
          {[proposal.speakerTitle, proposal.affiliation].filter(Boolean).length
            ? `, ${[proposal.speakerTitle, proposal.affiliation].filter(Boolean).join(', ')}`
            : ''}
          <br />
          <a href={`mailto:${proposal.email}`}>{proposal.email}</a>
        </p>
        {proposal.bio ? <p className="prewrap">{proposal.bio}</p> : null}
        {proposal.decisionMessage ? (
          <p>
            <strong>{t(locale, 'proposals.console.decisionMessage')}:</strong> {proposal.decisionMessage}
          </p>
        ) : null}
        {proposal.item ? (
          <p>
            <Link to={programmePath}>{t(locale, 'proposals.console.programmeLink')}</Link>
          </p>
        ) : null}
      </section>

      <section className="panel" aria-labelledby="rating-heading">
        <h2 id="rating-heading">{t(locale, 'proposals.console.ratingHeading')}</h2>
        <p>{proposal.average === null ? t(locale, 'proposals.console.ratingNone') : rating(locale, proposal.average, proposal.ratings.length)}</p>
        {proposal.ratings.length ? (
          <ul>
            {proposal.ratings.map((entry, index) => (
              <li key={index}>
                {entry.name}: {entry.score}
              </li>
            ))}
          </ul>
        ) : null}
        {data.canEdit ? (
          <Form method="post" className="console-inline" noValidate>
            <input type="hidden" name="intent" value="rate" />
            <input type="hidden" name="proposalId" value={proposal.id} />
            <SelectField
              name="score"
              label={t(locale, 'proposals.console.yourScore')}
              value={failure?.intent === 'rate' ? failure.values?.score : proposal.myScore ? String(proposal.myScore) : ''}
              error={errorFor('rate', 'score')}
              required
              options={[{ value: '', label: '–' }, ...[1, 2, 3, 4, 5].map((score) => ({ value: String(score), label: String(score) }))]}
            />
            <button type="submit">{t(locale, 'proposals.console.rate')}</button>
          </Form>
        ) : null}
      </section>

      <section className="panel" aria-labelledby="comments-heading">
        <h2 id="comments-heading">{t(locale, 'proposals.console.commentsHeading')}</h2>
        <p className="field__hint">{t(locale, 'proposals.console.commentsHint')}</p>
        {proposal.comments.length === 0 ? (
          <p>{t(locale, 'proposals.console.noComments')}</p>
        ) : (
          <ul className="proposal-comments">
            {proposal.comments.map((comment) => (
              <li key={comment.id}>
                <p>
                  <strong>{comment.author ?? t(locale, 'organizer.audit.system')}</strong>, {comment.createdAt}
                </p>
                <p className="prewrap">{comment.body}</p>
              </li>
            ))}
          </ul>
        )}
        {data.canEdit ? (
          <Form method="post" className="console-form" noValidate>
            <input type="hidden" name="intent" value="comment" />
            <input type="hidden" name="proposalId" value={proposal.id} />
            <TextAreaField
              name="body"
              label={t(locale, 'proposals.console.comment')}
              value={failure?.intent === 'comment' ? failure.values?.body : ''}
              error={errorFor('comment', 'body')}
              maxLength={PROPOSAL_LIMITS.comment}
              rows={3}
            />
            <button type="submit">{t(locale, 'proposals.console.addComment')}</button>
          </Form>
        ) : null}
      </section>

      {data.canEdit && proposal.status === 'submitted' ? (
        <section className="panel" aria-labelledby="decision-heading">
          <h2 id="decision-heading">{t(locale, 'proposals.console.decisionHeading')}</h2>
          <p>{t(locale, 'proposals.console.acceptNote')}</p>
          <Form method="post" className="console-form" noValidate>
            <input type="hidden" name="proposalId" value={proposal.id} />
            <TextAreaField
              name="message"
              label={t(locale, 'proposals.console.decisionMessage')}
              hint={t(locale, 'proposals.console.decisionHint')}
              value={failure?.intent === 'accept' || failure?.intent === 'decline' ? failure.values?.message : ''}
              maxLength={PROPOSAL_LIMITS.message}
              rows={3}
            />
            <div className="console-inline">
              <button type="submit" name="intent" value="accept">
                {t(locale, 'proposals.console.accept')}
              </button>
              <button type="submit" name="intent" value="decline" className="button--secondary">
                {t(locale, 'proposals.console.decline')}
              </button>
            </div>
          </Form>
        </section>
      ) : null}
    </>
  )
}

export default function Proposals() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<FormAnswer>()
  const [search] = useSearchParams()
  const { locale, orgSlug, event, proposal } = data
  const title = pick(event, 'title', locale)
  const eventPath = `/organizer/${orgSlug}/events/${event.id}`
  const done = actionData ? null : search.get('done')
  const settingsFailure = actionData?.intent === 'settings' ? actionData : undefined
  const fieldFailure = actionData && Object.keys(actionData.fieldErrors ?? {}).length ? actionData : undefined
  return (
    <>
      <h1>{proposal ? proposal.title : t(locale, 'proposals.console.title', { title })}</h1>
      <p className="console-actions">
        <Link to={consolePath(locale, eventPath)}>{t(locale, 'organizer.registrations.backToEvent')}</Link>
        {proposal ? <Link to={consolePath(locale, `${eventPath}/proposals`)}>{t(locale, 'proposals.console.backToList')}</Link> : null}
        <Link to={consolePath(locale, `${eventPath}/programme`)}>{t(locale, 'organizer.event.programmeLink')}</Link>
      </p>
      {done && done in DONE ? (
        <p className="success" role="status">
          {t(locale, DONE[done as keyof typeof DONE])}
        </p>
      ) : null}
      {actionData && !settingsFailure && !fieldFailure ? (
        <p className="form-error" role="alert">
          {actionData.formError}
        </p>
      ) : null}
      {proposal ? (
        <ProposalDetail data={data} proposal={proposal} failure={actionData} />
      ) : (
        <>
          <p>{t(locale, 'proposals.console.intro')}</p>
          <Settings data={data} failure={settingsFailure} />
          <ProposalList data={data} />
        </>
      )}
    </>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const locale = data?.locale ?? 'sv'
  return consoleMeta(data ? t(locale, 'proposals.console.title', { title: pick(data.event, 'title', locale) }) : t(locale, 'organizer.console'))
}
