import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { SeriesForm } from '~/components/console/series-form.tsx'
import { requireConsole } from '~/console/access.server.ts'
import { consoleMeta, consolePath } from '~/console/paths.ts'
import { runAction, runLoader } from '~/actions.server.ts'
import type { FormAnswer } from '~/errors.server.ts'
import { t } from '~/i18n/index.ts'
import { createSeries, SeriesSchema } from '~/series/editing.server.ts'
import type { ConsoleHandle } from './organizer.tsx'

export async function loader(args: LoaderFunctionArgs) {
  return runLoader(args, async () => {
    const { access, locale } = await requireConsole(args.request, args.params, 'viewer')
    return json({ locale, orgSlug: access.organization.slug, readOnly: access.role === 'viewer' })
  })
}

/** Creates a draft series and goes to its page, where parts are added. */
export async function action(args: ActionFunctionArgs) {
  return runAction(args, async (form) => {
    const { access, locale } = await requireConsole(args.request, args.params, 'organizer')
    const created = await createSeries({ access, series: form.parse(SeriesSchema) })
    return redirect(consolePath(locale, `/organizer/${access.organization.slug}/series/${created.id}`))
  })
}

export const handle: ConsoleHandle = { breadcrumb: (_data, locale) => ({ label: t(locale, 'organizer.series.newTitle'), to: '' }) }

export default function NewSeries() {
  const { locale, orgSlug, readOnly } = useLoaderData<typeof loader>()
  const actionData = useActionData<FormAnswer>()
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

export const meta: MetaFunction<typeof loader> = ({ data }) => consoleMeta(t(data?.locale ?? 'sv', 'organizer.series.newTitle'))
