import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { runAction, runLoader } from '~/actions.server.ts'
import { requirePerson } from '~/accounts/session.server.ts'
import { ErrorSummary, TextAreaField, TextField } from '~/components/console/fields.tsx'
import { consoleMeta, consolePath } from '~/console/paths.ts'
import type { FormAnswer } from '~/errors.server.ts'
import { localePath, t } from '~/i18n/index.ts'
import { PROFILE_LIMITS } from '~/speakers/limits.ts'
import { ownProfile, ProfileSchema, updateOwnProfile } from '~/speakers/own.server.ts'

/** The signed-in speaker's public profile (`?profile=<slug>` when they have more than one). Anyone else's is a 404. */
export async function loader(args: LoaderFunctionArgs) {
  return runLoader(args, async (locale) => {
    const person = await requirePerson(args.request)
    const slug = new URL(args.request.url).searchParams.get('profile')
    const profile = await ownProfile(person.id, slug)
    return json(
      {
        locale,
        profile: {
          slug: profile.slug,
          name: profile.name,
          titleSv: profile.titleSv,
          titleEn: profile.titleEn,
          affiliation: profile.affiliation,
          bioSv: profile.bioSv,
          bioEn: profile.bioEn,
          links: profile.links.join('\n'),
        },
      },
      { headers: { 'Cache-Control': 'private, no-store' } },
    )
  })
}

export async function action(args: ActionFunctionArgs) {
  return runAction(args, async (form) => {
    const person = await requirePerson(args.request)
    const slug = new URL(args.request.url).searchParams.get('profile')
    form.intentOf(['profile'] as const, 'profile')
    const saved = await updateOwnProfile({ personId: person.id, slug, profile: form.parse(ProfileSchema) })
    return redirect(consolePath(form.locale, `/speaker/profile?profile=${saved.slug}&done=saved`), 303)
  })
}

export default function SpeakerProfilePage() {
  const { locale, profile } = useLoaderData<typeof loader>()
  const answer = useActionData<FormAnswer>()
  const [search] = useSearchParams()
  const value = (name: keyof typeof profile) => answer?.values?.[name] ?? profile[name]
  const error = (name: string) => answer?.fieldErrors?.[name]
  const labels = {
    name: t(locale, 'speakerArea.field.name'),
    titleSv: t(locale, 'speakerArea.field.titleSv'),
    titleEn: t(locale, 'speakerArea.field.titleEn'),
    affiliation: t(locale, 'speakerArea.field.affiliation'),
    bioSv: t(locale, 'speakerArea.field.bioSv'),
    bioEn: t(locale, 'speakerArea.field.bioEn'),
    links: t(locale, 'speakerArea.field.links'),
  }
  return (
    <>
      <h1>{t(locale, 'speakerArea.profileHeading')}</h1>
      {!answer && search.get('done') === 'saved' ? (
        <p className="success" role="status">
          {t(locale, 'speakerArea.profileSaved')}
        </p>
      ) : null}
      <p>
        {t(locale, 'speakerArea.profileIntro')}{' '}
        <Link to={localePath(locale, `/speakers/${profile.slug}`)}>{t(locale, 'speakerArea.publicProfile', { name: profile.name })}</Link>
      </p>
      <Form method="post" className="console-form" noValidate>
        <input type="hidden" name="intent" value="profile" />
        {answer ? <ErrorSummary formError={answer.formError} fieldErrors={answer.fieldErrors} labels={labels} /> : null}
        <TextField name="name" label={labels.name} value={value('name')} error={error('name')} maxLength={PROFILE_LIMITS.name} autoComplete="name" required />
        <TextField name="titleSv" label={labels.titleSv} value={value('titleSv')} error={error('titleSv')} maxLength={PROFILE_LIMITS.title} />
        <TextField name="titleEn" label={labels.titleEn} value={value('titleEn')} error={error('titleEn')} maxLength={PROFILE_LIMITS.title} />
        <TextField
          name="affiliation"
          label={labels.affiliation}
          value={value('affiliation')}
          error={error('affiliation')}
          maxLength={PROFILE_LIMITS.affiliation}
          autoComplete="organization"
        />
        <TextAreaField name="bioSv" label={labels.bioSv} value={value('bioSv')} error={error('bioSv')} maxLength={PROFILE_LIMITS.bio} rows={6} />
        <TextAreaField name="bioEn" label={labels.bioEn} value={value('bioEn')} error={error('bioEn')} maxLength={PROFILE_LIMITS.bio} rows={6} />
        <TextAreaField
          name="links"
          label={labels.links}
          hint={t(locale, 'speakerArea.field.linksHint', { max: PROFILE_LIMITS.links })}
          value={value('links')}
          error={error('links')}
          rows={3}
        />
        <button type="submit">{t(locale, 'speakerArea.saveProfile')}</button>
      </Form>
    </>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => consoleMeta(t(data?.locale ?? 'sv', 'speakerArea.profileHeading'))
