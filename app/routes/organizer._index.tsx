import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { requirePerson } from '~/accounts/session.server.ts'
import { consoleMeta, consolePath } from '~/console/paths.ts'
import { getLocale, t } from '~/i18n/index.ts'
import { listMemberships } from '~/organizations/access.server.ts'
import { isSpeaker } from '~/speakers/own.server.ts'

/** The organizations the signed-in person belongs to, each linking to its dashboard. */
export async function loader({ request }: LoaderFunctionArgs) {
  const person = await requirePerson(request)
  const [memberships, speaker] = await Promise.all([listMemberships(person.id), isSpeaker(person.id)])
  return json({
    locale: getLocale(request),
    speaker,
    organizations: memberships.map((m) => ({ slug: m.organization.slug, name: m.organization.name, role: m.role })),
  })
}

export default function OrganizationList() {
  const { locale, organizations, speaker } = useLoaderData<typeof loader>()
  return (
    <>
      <h1>{t(locale, 'organizer.organizations.title')}</h1>
      {speaker ? (
        <p>
          <Link to={consolePath(locale, '/speaker')}>{t(locale, 'speakerArea.goToSpeakerPages')}</Link>
        </p>
      ) : null}
      {organizations.length === 0 ? (
        <p className="empty-state">{t(locale, 'organizer.organizations.none')}</p>
      ) : (
        <ul className="console-orgs">
          {organizations.map((org) => (
            <li key={org.slug} className="panel">
              <h2>
                <Link to={consolePath(locale, `/organizer/${org.slug}`)}>{org.name}</Link>
              </h2>
              <p>{t(locale, 'organizer.organizations.role', { role: t(locale, `organizer.role.${org.role}`) })}</p>
            </li>
          ))}
        </ul>
      )}
    </>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => consoleMeta(t(data?.locale ?? 'sv', 'organizer.organizations.title'))
