import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { EmbedSnippets } from '~/components/console/embed-snippets.tsx'
import { SelectField } from '~/components/console/fields.tsx'
import { SeriesForm } from '~/components/console/series-form.tsx'
import { IntentForm } from '~/components/intent-form.tsx'
import { requireConsole } from '~/console/access.server.ts'
import { asUuid, parseId } from '~/ids.server.ts'
import { consoleMeta, consolePath } from '~/console/paths.ts'
import { runAction, runLoader } from '~/actions.server.ts'
import { DomainError, NotFoundError, type FormAnswer } from '~/errors.server.ts'
import { pick, t, type Locale } from '~/i18n/index.ts'
import { canManageEvents } from '~/organizations/access.server.ts'
import { embedSnippets } from '~/public/embed.server.ts'
import {
  addSeriesPart,
  getSeriesForEditing,
  moveSeriesPart,
  removeSeriesPart,
  SeriesSchema,
  setSeriesPublished,
  updateSeries,
} from '~/series/editing.server.ts'
import { formatDate, formatEventWhen } from '~/time.ts'
import type { ConsoleHandle } from './organizer.tsx'

const INTENTS = ['save', 'addPart', 'removePart', 'moveUp', 'moveDown', 'publish', 'unpublish'] as const

/** The series form, its parts in order (move up/down, remove), the events that can be added and, once published, the widget's code. */
export async function loader(args: LoaderFunctionArgs) {
  return runLoader(args, async () => {
    const { access, locale } = await requireConsole(args.request, args.params, 'viewer')
    const seriesId = parseId(args.params.id, 'error.seriesNotFound')
    const { series, candidates } = await getSeriesForEditing({ access, seriesId })
    const names = { sv: pick(series, 'title', 'sv'), en: pick(series, 'title', 'en') }
    return json({
      locale,
      orgSlug: access.organization.slug,
      canEdit: canManageEvents(access.role),
      series: { id: series.id, titleSv: series.titleSv, titleEn: series.titleEn, status: series.status, parts: series.parts },
      values: {
        titleSv: series.titleSv,
        titleEn: series.titleEn,
        summarySv: series.summarySv,
        summaryEn: series.summaryEn,
        descriptionSv: series.descriptionSv,
        descriptionEn: series.descriptionEn,
        slug: series.slug,
      },
      candidates,
      embed: series.status === 'draft' ? null : embedSnippets({ kind: 'series', slug: series.slug }, names),
    })
  })
}

/** intent=save | addPart | removePart | moveUp | moveDown | publish | unpublish. Organizers and owners. */
export async function action(args: ActionFunctionArgs) {
  return runAction(args, async (form) => {
    const { access, locale } = await requireConsole(args.request, args.params, 'organizer')
    const seriesId = parseId(args.params.id, 'error.seriesNotFound')
    const intent = form.intentOf(INTENTS)
    const back = redirect(consolePath(locale, `/organizer/${access.organization.slug}/series/${seriesId}`))
    const input = { access, seriesId }
    const eventId = () => {
      const id = asUuid(form.values.eventId)
      if (!id) throw intent === 'addPart' ? new DomainError('error.eventNotFound', 400, {}, 'eventId') : new NotFoundError('error.eventNotFound')
      return id
    }
    switch (intent) {
      case 'save':
        await updateSeries({ ...input, series: form.parse(SeriesSchema) })
        return back
      case 'addPart':
        await addSeriesPart({ ...input, eventId: eventId() })
        return back
      case 'removePart':
        await removeSeriesPart({ ...input, eventId: eventId() })
        return back
      case 'moveUp':
      case 'moveDown':
        await moveSeriesPart({ ...input, eventId: eventId(), direction: intent === 'moveUp' ? 'up' : 'down' })
        return back
      case 'publish':
      case 'unpublish':
        await setSeriesPublished({ ...input, published: intent === 'publish' })
        return back
    }
  })
}

type Data = { series: { titleSv: string; titleEn: string } }
export const handle: ConsoleHandle = {
  breadcrumb: (data, locale) => {
    const d = data as Data | undefined
    return d?.series ? { label: pick(d.series, 'title', locale), to: '' } : null
  },
}

function PartButton({ action, intent, eventId, label, text }: { action: string; intent: string; eventId: string; label: string; text: string }) {
  return (
    <IntentForm intent={intent} action={action} fields={{ eventId }} submit={{ label: text, ariaLabel: label, className: 'button--secondary button--small' }} />
  )
}

export default function EditSeries() {
  const { locale, orgSlug, canEdit, series, values, candidates, embed } = useLoaderData<typeof loader>()
  const actionData = useActionData<FormAnswer>()
  const action = consolePath(locale, `/organizer/${orgSlug}/series/${series.id}`)
  const L = (key: Parameters<typeof t>[1], params?: Record<string, string | number>) => t(locale as Locale, key, params)
  const title = pick(series, 'title', locale)
  const isPartError = actionData?.intent === 'addPart'
  return (
    <>
      <h1>{L('organizer.series.editTitle', { title })}</h1>
      <p>{L('organizer.series.status', { status: L(series.status === 'published' ? 'status.published' : 'status.draft') })}</p>
      {canEdit ? (
        <IntentForm
          intent={series.status === 'published' ? 'unpublish' : 'publish'}
          action={action}
          submit={{
            label: L(series.status === 'published' ? 'organizer.series.unpublish' : 'organizer.series.publish'),
            className: series.status === 'published' ? 'button--secondary' : undefined,
          }}
        />
      ) : null}
      <section className="panel" aria-labelledby="parts-heading">
        <h2 id="parts-heading">{L('organizer.series.parts')}</h2>
        {series.parts.length === 0 ? (
          <p>{L('organizer.series.noParts')}</p>
        ) : (
          <ol className="console-parts">
            {series.parts.map((part, index) => {
              const partTitle = pick(part, 'title', locale)
              return (
                <li key={part.id}>
                  <span>
                    <a href={consolePath(locale, `/organizer/${orgSlug}/events/${part.id}`)}>{partTitle}</a>{' '}
                    <span className="console-muted">
                      {formatEventWhen(new Date(part.startsAt), new Date(part.endsAt), locale)} · {L(`status.${part.status}`)}
                    </span>
                  </span>
                  {canEdit ? (
                    <span className="console-inline">
                      {index > 0 ? (
                        <PartButton
                          action={action}
                          intent="moveUp"
                          eventId={part.id}
                          label={L('organizer.series.moveUpLabel', { title: partTitle })}
                          text={L('organizer.series.moveUp')}
                        />
                      ) : null}
                      {index < series.parts.length - 1 ? (
                        <PartButton
                          action={action}
                          intent="moveDown"
                          eventId={part.id}
                          label={L('organizer.series.moveDownLabel', { title: partTitle })}
                          text={L('organizer.series.moveDown')}
                        />
                      ) : null}
                      <PartButton
                        action={action}
                        intent="removePart"
                        eventId={part.id}
                        label={L('organizer.series.removePartLabel', { title: partTitle })}
                        text={L('organizer.series.removePart')}
                      />
                    </span>
                  ) : null}
                </li>
              )
            })}
          </ol>
        )}
        {canEdit ? (
          candidates.length === 0 ? (
            <p className="field__hint">{L('organizer.series.noCandidates')}</p>
          ) : (
            <IntentForm intent="addPart" action={action}>
              <fieldset>
                <legend>{L('organizer.series.addPart')}</legend>
                <SelectField
                  name="eventId"
                  label={L('organizer.series.eventToAdd')}
                  options={candidates.map((c) => ({ value: c.id, label: `${pick(c, 'title', locale)} (${formatDate(new Date(c.startsAt), locale)})` }))}
                  error={isPartError ? (actionData?.fieldErrors?.eventId ?? actionData?.formError) : undefined}
                />
                <button type="submit">{L('organizer.series.addPart')}</button>
              </fieldset>
            </IntentForm>
          )
        ) : null}
      </section>
      <SeriesForm
        locale={locale}
        action={action}
        values={!isPartError && actionData?.values ? actionData.values : values}
        fieldErrors={!isPartError ? actionData?.fieldErrors : undefined}
        formError={!isPartError ? actionData?.formError : undefined}
        submitLabel={L('organizer.series.saveSubmit')}
        readOnly={!canEdit}
      />
      {embed ? (
        <EmbedSnippets locale={locale} snippets={embed} kind="series" />
      ) : (
        <section className="panel" aria-labelledby="embed-heading">
          <h2 id="embed-heading">{L('organizer.embed.heading')}</h2>
          <p>{L('organizer.embed.seriesDraft')}</p>
        </section>
      )}
    </>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const locale = data?.locale ?? 'sv'
  return consoleMeta(data ? t(locale, 'organizer.series.editTitle', { title: pick(data.series, 'title', locale) }) : t(locale, 'organizer.console'))
}
