import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { EventForm } from '~/components/console/event-form.tsx'
import { requireConsole } from '~/console/access.server.ts'
import { consoleMeta, consolePath } from '~/console/paths.ts'
import { runAction, runLoader } from '~/actions.server.ts'
import type { FormAnswer } from '~/errors.server.ts'
import { createEvent, listSeriesChoices, parseEventForm } from '~/events/editing.server.ts'
import { t } from '~/i18n/index.ts'
import type { ConsoleHandle } from './organizer.tsx'

/** The empty form; viewers may look at it but not save. */
export async function loader(args: LoaderFunctionArgs) {
  return runLoader(args, async () => {
    const { access, locale } = await requireConsole(args.request, args.params, 'viewer')
    const series = await listSeriesChoices(access.organization.id)
    return json({ locale, orgSlug: access.organization.slug, readOnly: access.role === 'viewer', series })
  })
}

/** Saves a draft and goes to its edit page; bad input is a 400 with field messages and the typed values. */
export async function action(args: ActionFunctionArgs) {
  return runAction(args, async (form) => {
    const { access, locale } = await requireConsole(args.request, args.params, 'organizer')
    const created = await createEvent({ access, event: form.check(parseEventForm(form.values)) })
    return redirect(consolePath(locale, `/organizer/${access.organization.slug}/events/${created.id}?created=1`))
  })
}

export const handle: ConsoleHandle = {
  breadcrumb: (_data, locale) => ({ label: t(locale, 'organizer.event.newTitle'), to: '' }),
}

export default function NewEvent() {
  const { locale, orgSlug, readOnly, series } = useLoaderData<typeof loader>()
  const actionData = useActionData<FormAnswer>()
  return (
    <>
      <h1>{t(locale, 'organizer.event.newTitle')}</h1>
      <EventForm
        locale={locale}
        action={consolePath(locale, `/organizer/${orgSlug}/events/new`)}
        values={actionData?.values ?? {}}
        fieldErrors={actionData?.fieldErrors}
        formError={actionData?.formError}
        series={series}
        submitLabel={t(locale, 'organizer.event.createSubmit')}
        readOnly={readOnly}
      />
    </>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => consoleMeta(t(data?.locale ?? 'sv', 'organizer.event.newTitle'))
