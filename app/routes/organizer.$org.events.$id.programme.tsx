import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { TextField } from '~/components/console/fields.tsx'
import { IntentForm } from '~/components/intent-form.tsx'
import { ItemForm } from '~/components/console/item-form.tsx'
import { ProgrammeDays } from '~/components/console/programme-days.tsx'
import { requireConsole } from '~/console/access.server.ts'
import { asUuid, parseId } from '~/ids.server.ts'
import type { FormValues } from '~/forms.server.ts'
import { consoleMeta, consolePath } from '~/console/paths.ts'
import { runAction, runLoader } from '~/actions.server.ts'
import { NotFoundError, type FormAnswer } from '~/errors.server.ts'
import { pick, t, type Locale } from '~/i18n/index.ts'
import { canManageEvents } from '~/organizations/access.server.ts'
import {
  addRoom,
  addTrack,
  deleteProgrammeItem,
  parseItemForm,
  removeRoom,
  removeTrack,
  renameRoom,
  RoomNameSchema,
  saveProgrammeItem,
  TrackSchema,
} from '~/programme/editing.server.ts'
import { loadSpeakerPicker } from '~/programme/speaker-picker.server.ts'
import { groupByDay, loadProgrammeEditor, type EditorItem } from '~/programme/schedule.server.ts'
import { toLocalTimeValue } from '~/time.ts'
import { stockholmDay } from '~/time.ts'
import type { ConsoleHandle } from './organizer.tsx'

const INTENTS = ['addRoom', 'renameRoom', 'removeRoom', 'addTrack', 'removeTrack', 'saveItem', 'deleteItem'] as const

function itemValues(item: EditorItem): FormValues {
  const values: FormValues = {
    type: item.type,
    titleSv: item.titleSv,
    titleEn: item.titleEn,
    descriptionSv: item.descriptionSv,
    descriptionEn: item.descriptionEn,
    day: stockholmDay(item.startsAt),
    startTime: toLocalTimeValue(item.startsAt),
    endTime: toLocalTimeValue(item.endsAt),
    roomId: item.roomId ?? '',
    trackId: item.trackId ?? '',
    capacity: item.capacity === null ? '' : String(item.capacity),
    recordingUrl: item.recordingUrl ?? '',
    slidesUrl: item.slidesUrl ?? '',
  }
  for (const role of item.speakers) {
    values[`speaker.${role.speakerId}`] = 'on'
    values[`speakerRole.${role.speakerId}`] = role.role
  }
  return values
}

/** Rooms, tracks, items by day and the add (or ?edit=<id>) form. Another organization's event is a 404. */
export async function loader(args: LoaderFunctionArgs) {
  return runLoader(args, async () => {
    const { access, locale } = await requireConsole(args.request, args.params, 'viewer')
    const eventId = parseId(args.params.id, 'error.eventNotFound')
    const programme = await loadProgrammeEditor({ access, eventId })
    const url = new URL(args.request.url)
    const editId = asUuid(url.searchParams.get('edit'))
    const editing = editId ? programme.items.find((item) => item.id === editId) : undefined
    const picker = await loadSpeakerPicker({
      access,
      eventId,
      locale,
      query: url.searchParams.get('speakerQuery'),
      chosen: editing?.speakers.map((role) => ({ speakerId: role.speakerId, role: role.role })),
    })
    return json({
      locale,
      orgSlug: access.organization.slug,
      canEdit: canManageEvents(access.role),
      event: programme.event,
      rooms: programme.rooms,
      tracks: programme.tracks,
      picker,
      days: programme.days,
      schedule: groupByDay(programme.items),
      editing: editing ? { id: editing.id, title: pick(editing, 'title', locale), values: itemValues(editing) } : null,
    })
  })
}

/** Organizers and owners change rooms, tracks and items; each success redirects back (POST/redirect/GET). */
export async function action(args: ActionFunctionArgs) {
  return runAction(args, async (form) => {
    const { access, locale } = await requireConsole(args.request, args.params, 'organizer')
    const eventId = parseId(args.params.id, 'error.eventNotFound')
    const intent = form.intentOf(INTENTS)
    const back = (done: string) => redirect(consolePath(locale, `/organizer/${access.organization.slug}/events/${eventId}/programme?done=${done}`))
    const id = (name: string) => {
      const value = asUuid(form.values[name])
      if (!value) throw new NotFoundError()
      return value
    }
    const input = { access, eventId }
    switch (intent) {
      case 'addRoom':
        await addRoom({ ...input, name: form.parse(RoomNameSchema).name })
        return back('room')
      case 'renameRoom':
        await renameRoom({ ...input, roomId: id('roomId'), name: form.parse(RoomNameSchema).name })
        return back('room')
      case 'removeRoom':
        await removeRoom({ ...input, roomId: id('roomId') })
        return back('room')
      case 'addTrack':
        await addTrack({ ...input, ...form.parse(TrackSchema) })
        return back('track')
      case 'removeTrack':
        await removeTrack({ ...input, trackId: id('trackId') })
        return back('track')
      case 'saveItem': {
        const programme = await loadProgrammeEditor(input)
        const item = form.check(parseItemForm(form.values, programme.days))
        const itemId = form.values.itemId ? id('itemId') : undefined
        await saveProgrammeItem({ ...input, itemId, item, locale })
        return back('saved')
      }
      case 'deleteItem':
        await deleteProgrammeItem({ ...input, itemId: id('itemId') })
        return back('deleted')
    }
  })
}

type Data = { locale: Locale; event: { titleSv: string; titleEn: string; id: string }; orgSlug: string }

export const handle: ConsoleHandle = {
  breadcrumb: (data, locale) => {
    const d = data as Data | undefined
    return d?.event ? { label: t(locale, 'organizer.programme.title', { title: pick(d.event, 'title', locale) }), to: '' } : null
  },
}

export default function ProgrammeEditor() {
  const { locale, orgSlug, canEdit, event, rooms, tracks, picker, days, schedule, editing } = useLoaderData<typeof loader>()
  const actionData = useActionData<FormAnswer>()
  const [search] = useSearchParams()
  const base = `/organizer/${orgSlug}/events/${event.id}/programme`
  const action = consolePath(locale, base)
  const title = pick(event, 'title', locale)
  const failed = (intent: string) => (actionData?.intent === intent ? actionData : undefined)
  const itemFailure = failed('saveItem')
  const done = search.get('done')
  return (
    <>
      <h1>{t(locale, 'organizer.programme.title', { title })}</h1>
      <p>
        <Link to={consolePath(locale, `/organizer/${orgSlug}/events/${event.id}`)}>{t(locale, 'organizer.programme.backToEvent')}</Link>
      </p>
      {done === 'saved' && !actionData ? (
        <p className="success" role="status">
          {t(locale, 'organizer.programme.itemSaved')}
        </p>
      ) : null}
      {done === 'deleted' && !actionData ? (
        <p className="success" role="status">
          {t(locale, 'organizer.programme.itemDeleted')}
        </p>
      ) : null}
      {/* Field messages show at their form (and the item form has its own summary); the rest shows here. */}
      {actionData && actionData.intent !== 'saveItem' && Object.keys(actionData.fieldErrors).length === 0 ? (
        <p className="form-error" role="alert">
          {actionData.formError}
        </p>
      ) : null}

      <div className="console-columns console-columns--even">
        <section className="panel" aria-labelledby="rooms-heading">
          <h2 id="rooms-heading">{t(locale, 'organizer.programme.rooms')}</h2>
          {rooms.length === 0 ? <p>{t(locale, 'organizer.programme.noRooms')}</p> : null}
          <ul className="console-list">
            {rooms.map((room) => {
              const failure = failed('renameRoom')?.values?.roomId === room.id ? failed('renameRoom') : undefined
              return (
                <li key={room.id}>
                  {canEdit ? (
                    <div className="console-inline">
                      <IntentForm
                        intent="renameRoom"
                        action={action}
                        fields={{ roomId: room.id }}
                        className="console-inline"
                        submit={{ label: t(locale, 'organizer.programme.rename'), className: 'button--secondary button--small' }}
                      >
                        <TextField
                          id={`room-${room.id}`}
                          name="name"
                          label={t(locale, 'organizer.programme.renameRoom', { room: room.name })}
                          value={failure?.values?.name ?? room.name}
                          error={failure?.fieldErrors?.name}
                        />
                      </IntentForm>
                      <IntentForm
                        intent="removeRoom"
                        action={action}
                        fields={{ roomId: room.id }}
                        submit={{
                          label: t(locale, 'organizer.programme.remove'),
                          ariaLabel: t(locale, 'organizer.programme.removeRoom', { room: room.name }),
                          className: 'button--secondary button--small',
                        }}
                      />
                    </div>
                  ) : (
                    room.name
                  )}
                </li>
              )
            })}
          </ul>
          {canEdit ? (
            <IntentForm intent="addRoom" action={action} noValidate submit={{ label: t(locale, 'organizer.programme.addRoom') }}>
              <TextField
                id="new-room"
                name="name"
                label={t(locale, 'organizer.programme.newRoom')}
                value={failed('addRoom')?.values?.name}
                error={failed('addRoom')?.fieldErrors?.name}
                maxLength={120}
              />
            </IntentForm>
          ) : null}
        </section>

        <section className="panel" aria-labelledby="tracks-heading">
          <h2 id="tracks-heading">{t(locale, 'organizer.programme.tracks')}</h2>
          {tracks.length === 0 ? <p>{t(locale, 'organizer.programme.noTracks')}</p> : null}
          <ul className="console-list">
            {tracks.map((track) => {
              const name = pick(track, 'name', locale)
              return (
                <li key={track.id} className="console-inline">
                  <span>{name}</span>
                  {canEdit ? (
                    <IntentForm
                      intent="removeTrack"
                      action={action}
                      fields={{ trackId: track.id }}
                      submit={{
                        label: t(locale, 'organizer.programme.remove'),
                        ariaLabel: t(locale, 'organizer.programme.removeTrack', { track: name }),
                        className: 'button--secondary button--small',
                      }}
                    />
                  ) : null}
                </li>
              )
            })}
          </ul>
          {canEdit ? (
            <IntentForm intent="addTrack" action={action} noValidate submit={{ label: t(locale, 'organizer.programme.addTrack') }}>
              <TextField
                id="new-track-sv"
                name="nameSv"
                label={t(locale, 'organizer.programme.newTrackSv')}
                value={failed('addTrack')?.values?.nameSv}
                error={failed('addTrack')?.fieldErrors?.nameSv}
                maxLength={120}
              />
              <TextField
                id="new-track-en"
                name="nameEn"
                label={t(locale, 'organizer.programme.newTrackEn')}
                value={failed('addTrack')?.values?.nameEn}
                error={failed('addTrack')?.fieldErrors?.nameEn}
                maxLength={120}
              />
            </IntentForm>
          ) : null}
        </section>
      </div>

      <section aria-labelledby="items-heading">
        <h2 id="items-heading">{t(locale, 'organizer.programme.items')}</h2>
        <ProgrammeDays days={schedule} locale={locale} basePath={base} canEdit={canEdit} />
      </section>

      {canEdit ? (
        <section className="panel">
          <ItemForm
            key={editing?.id ?? 'new'}
            locale={locale}
            action={action}
            itemId={editing?.id ?? (itemFailure?.values?.itemId || undefined)}
            heading={editing ? t(locale, 'organizer.programme.editItemTitle', { title: editing.title }) : t(locale, 'organizer.programme.addItemTitle')}
            values={itemFailure?.values ?? editing?.values ?? {}}
            fieldErrors={itemFailure?.fieldErrors}
            formError={itemFailure?.formError}
            days={days}
            rooms={rooms}
            tracks={tracks}
            speakers={picker.rows}
            speakerQuery={picker.query}
            speakerMatches={picker.matches}
            filterAction={base}
            cancelHref={editing ? consolePath(locale, base) : undefined}
          />
        </section>
      ) : null}
    </>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const locale = data?.locale ?? 'sv'
  return consoleMeta(data ? t(locale, 'organizer.programme.title', { title: pick(data.event, 'title', locale) }) : t(locale, 'organizer.console'))
}
