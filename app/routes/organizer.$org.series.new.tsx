import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { SeriesForm } from '~/components/console/series-form.tsx'
import { requireConsole } from '~/console/access.server.ts'
import { readForm } from '~/forms.server.ts'
import { submitForm, type FormResult } from '~/console/forms.server.ts'
import { consolePath } from '~/console/paths.ts'
import { invalidForm, withDomainErrors } from '~/errors.server.ts'
import { t } from '~/i18n/index.ts'
import { createSeries, SeriesSchema } from '~/series/editing.server.ts'
import type { ConsoleHandle } from './organizer.tsx'

async function load({ request, params }: LoaderFunctionArgs) {
  const { access, locale } = await requireConsole(request, params, 'viewer')
  return json({ locale, orgSlug: access.organization.slug, readOnly: access.role === 'viewer' })
}
export const loader = withDomainErrors(load)

/** Creates a draft series and goes to its page, where parts are added. */
export const action = withDomainErrors(async ({ request, params }: ActionFunctionArgs) => {
  const { access, locale } = await requireConsole(request, params, 'organizer')
  const values = await readForm(request)
  const parsed = SeriesSchema.safeParse(values)
  if (!parsed.success) return invalidForm(parsed.error, locale, values)
  const result = await submitForm(locale, values, () => createSeries({ access, series: parsed.data }))
  if (result instanceof Response) return result
  return redirect(consolePath(locale, `/organizer/${access.organization.slug}/series/${result.id}`))
})

export const handle: ConsoleHandle = { breadcrumb: (_data, locale) => ({ label: t(locale, 'organizer.series.newTitle'), to: '' }) }

export default function NewSeries() {
  const { locale, orgSlug, readOnly } = useLoaderData<typeof load>()
  const actionData = useActionData<FormResult>()
  return (
    <>
      <h1>{t(locale, 'organizer.series.newTitle')}</h1>
      <SeriesForm
        locale={locale}
        action={consolePath(locale, `/organizer/${orgSlug}/series/new`)}
        values={actionData?.values ?? {}}
        fieldErrors={actionData?.fieldErrors}
        formError={actionData?.formError}
        submitLabel={t(locale, 'organizer.series.createSubmit')}
        readOnly={readOnly}
      />
    </>
  )
}

export const meta: MetaFunction = () => [{ title: 'Samling – ny serie' }]
