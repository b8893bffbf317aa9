import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { EventForm } from '~/components/console/event-form.tsx'
import { requireConsole } from '~/console/access.server.ts'
import { readForm } from '~/forms.server.ts'
import { submitForm, type FormResult } from '~/console/forms.server.ts'
import { consolePath } from '~/console/paths.ts'
import { invalidForm, withDomainErrors } from '~/errors.server.ts'
import { createEvent, listSeriesChoices, parseEventForm } from '~/events/editing.server.ts'
import { t } from '~/i18n/index.ts'
import type { ConsoleHandle } from './organizer.tsx'

/** The empty form; viewers may look at it but not save. */
async function load({ request, params }: LoaderFunctionArgs) {
  const { access, locale } = await requireConsole(request, params, 'viewer')
  const series = await listSeriesChoices(access.organization.id)
  return json({ locale, orgSlug: access.organization.slug, readOnly: access.role === 'viewer', series })
}
export const loader = withDomainErrors(load)

/** Saves a draft and goes to its edit page; bad input is a 400 with field messages and the typed values. */
export const action = withDomainErrors(async ({ request, params }: ActionFunctionArgs) => {
  const { access, locale } = await requireConsole(request, params, 'organizer')
  const values = await readForm(request)
  const parsed = parseEventForm(values)
  if (!parsed.success) return invalidForm(parsed.error, locale, values)
  const result = await submitForm(locale, values, () => createEvent({ access, event: parsed.data }))
  if (result instanceof Response) return result
  return redirect(consolePath(locale, `/organizer/${access.organization.slug}/events/${result.id}?created=1`))
})

export const handle: ConsoleHandle = {
  breadcrumb: (_data, locale) => ({ label: t(locale, 'organizer.event.newTitle'), to: '' }),
}

export default function NewEvent() {
  const { locale, orgSlug, readOnly, series } = useLoaderData<typeof load>()
  const actionData = useActionData<FormResult>()
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

export const meta: MetaFunction = () => [{ title: 'Samling – nytt evenemang' }]
