/**
 * The authorization rules of every route (ADR 0036): for each route module's loader (GET) and
 * action (POST, one case per intent), which principals may get an answer (2xx, or a redirect that
 * is not to /login), and which of the fixture's secret markers those principals may see. Everybody
 * else must be refused (a redirect to /login, or a 4xx) and see no marker at all.
 *
 * tests/integration/authorization-matrix.test.ts reads the route list from app/routes (as Remix's
 * compiler does) and fails for a route without a rule here, a rule without a route, a loader or
 * action without a rule, and an intent of `intentOf([...])` without a case.
 */

/** Who asks: no cookie; an attendee of org A's event with their manage link; a speaker of A; A's members by role; the owner of org B. */
export const PRINCIPALS = ['visitor', 'attendee', 'speaker', 'viewer', 'organizer', 'owner', 'otherOwner'] as const
export type Principal = (typeof PRINCIPALS)[number]

/** The texts planted in the fixture that only some may read. */
export const MARKERS = {
  attendeeName: 'Hedvig Hemligsdotter',
  attendeeEmail: 'hedvig.hemlig@example.se',
  streamLink: 'https://stream.example.se/hemlig-strom-a7',
  customAnswer: 'Hemligt svar glutenfri-q7',
  draftTitle: 'Hemligt utkast Kvarnen-9',
} as const
export type Marker = keyof typeof MARKERS

/**
 * Personal links. Each principal holds some (attendee: from their mails; speaker: from the
 * invitation and the proposal receipt; A's members: the panel link the console shows). A route's
 * `:token` is filled with the principal's own link of the route's kind, or else with the first
 * link they hold of another kind (so a link is never accepted for the wrong purpose), or else an
 * unknown, well-formed one.
 */
export type TokenKind = 'manage' | 'calendar' | 'unsubscribe' | 'invitation' | 'proposal' | 'panel' | 'login'

export const WALLET: Record<Principal, TokenKind[]> = {
  visitor: [],
  attendee: ['manage', 'calendar', 'unsubscribe'],
  speaker: ['invitation', 'proposal'],
  viewer: ['panel'],
  organizer: ['panel'],
  owner: ['panel'],
  otherOwner: [],
}

/** The ids and slugs the matrix fills route parameters and bodies with (made by the test's fixture). */
export type Fixture = {
  orgSlug: string
  eventId: string
  eventSlug: string
  /** A draft event's slug: its public pages are nobody's. */
  draftSlug: string
  seriesId: string
  seriesSlug: string
  speakerSlug: string
  itemId: string
  roomId: string
  mailingId: string
  registrationId: string
  inviteId: string
  invitationId: string
  questionId: string
  proposalId: string
  mediaId: string
  mediaFile: string
  memberId: string
  failedMailId: string
  /** Someone else's proposal, invitation and waitlisted registration, for the console's decisions. */
  decisionProposalId: string
  pendingInvitationId: string
  waitlistedId: string
  tokens: Record<TokenKind, string>
}

export type Body = (f: Fixture, run: number) => Record<string, string>

export type Case = {
  /** Who may get an answer; everybody else is refused. */
  allow: readonly Principal[]
  /** The form (POST only). */
  body?: Body
  /** Markers the allowed may see in the answer (anybody else: none). */
  reveals?: readonly Marker[]
  /** Statuses that also count as an answer for the allowed (a second press after the first changed things: 409). */
  alsoOk?: readonly number[]
  /** Allowed POSTs that end something (sign out, cancel) run after all others. */
  last?: boolean
  /** Query string added to the path. */
  query?: (f: Fixture) => string
}

export type Rule = {
  /** The kind of personal link in `:token`. */
  token?: TokenKind
  loader?: Case
  /** One case per intent ('' when the action has none), or named `<intent> (<variant>)`. */
  action?: Record<string, Case>
}

// Groups of principals
export const EVERYONE = PRINCIPALS
export const NOBODY: readonly Principal[] = []
export const SIGNED_IN: readonly Principal[] = ['speaker', 'viewer', 'organizer', 'owner', 'otherOwner']
export const MEMBERS: readonly Principal[] = ['viewer', 'organizer', 'owner']
export const EDITORS: readonly Principal[] = ['organizer', 'owner']
export const OWNER: readonly Principal[] = ['owner']

const ATTENDEE_DATA: readonly Marker[] = ['attendeeName', 'attendeeEmail', 'streamLink', 'customAnswer']
const CONSOLE_DATA: readonly Marker[] = ['attendeeName', 'attendeeEmail', 'streamLink', 'customAnswer', 'draftTitle']

/** What the registration list and its export show: who registered and what they answered. */
const PERSONAL: readonly Marker[] = ['attendeeName', 'attendeeEmail', 'customAnswer']

const pub: Case = { allow: EVERYONE }
/** A console page every member may read; `reveals` is what it may show (the report and the dashboard: counts, never a name). */
const read = (reveals: readonly Marker[], query?: Case['query']): Case => ({ allow: MEMBERS, reveals, query })
const change = (body: Body, extra: Partial<Case> = {}): Case => ({ allow: EDITORS, body, reveals: CONSOLE_DATA, ...extra })

const eventForm = (run: number) => ({
  titleSv: `Behörighet ${run}`,
  format: 'online',
  startsAt: '2027-03-01T13:00',
  endsAt: '2027-03-01T14:00',
  onlineUrl: 'https://meet.example.se/x',
  intent: 'save',
})

export const RULES: Record<string, Rule> = {
  root: { loader: pub },

  // ---- Public pages, feeds and the API: anybody, and never a marker -------------------------------
  'routes/($lang)._index': { loader: pub },
  'routes/($lang).$': { loader: { allow: NOBODY } },
  'routes/($lang).accessibility': { loader: pub },
  'routes/($lang).archive': { loader: pub },
  'routes/($lang).privacy': { loader: pub },
  'routes/($lang).calendar[.]ics': { loader: pub },
  'routes/($lang).feed[.]xml': { loader: pub },
  'routes/($lang).embed.organizations.$slug': { loader: pub },
  'routes/($lang).embed.series.$slug': { loader: pub },
  'routes/($lang).events.$slug': { loader: pub },
  'routes/($lang).events.$slug_.calendar[.]ics': { loader: pub },
  'routes/($lang).events.$slug_.my-programme': { loader: { allow: EVERYONE, query: (f) => `?item=${f.itemId}` } },
  'routes/($lang).organizations.$slug': { loader: pub },
  'routes/($lang).organizations.$slug_.privacy': { loader: pub },
  'routes/($lang).organizations.$slug_.calendar[.]ics': { loader: pub },
  'routes/($lang).organizations.$slug_.feed[.]xml': { loader: pub },
  'routes/($lang).series.$slug': { loader: pub },
  'routes/($lang).series.$slug_.calendar[.]ics': { loader: pub },
  'routes/($lang).series.$slug_.feed[.]xml': { loader: pub },
  'routes/($lang).speakers.$slug': { loader: pub },
  'routes/($lang).speakers.$slug_.calendar[.]ics': { loader: pub },
  'routes/($lang).speakers.$slug_.feed[.]xml': { loader: pub },
  'routes/api.events': { loader: pub },
  'routes/api.events.$slug': { loader: pub },
  'routes/healthz': { loader: pub },
  'routes/media.$id.$file': { loader: pub },

  // ---- Public forms: anybody may send them ---------------------------------------------------------
  'routes/($lang).events.$slug_.register': {
    loader: pub,
    action: {
      '': {
        allow: EVERYONE,
        body: (_f, run) => ({
          name: `Anmäld ${run}`,
          email: `anmald-${run}@example.se`,
          organization: 'Kommunen',
          sector: 'public_sector',
          county: 'sodermanland',
          attendance: 'on_site',
          whenFull: 'waitlist',
          consent: 'yes',
        }),
      },
    },
  },
  'routes/($lang).series.$slug_.register': {
    loader: pub,
    action: {
      '': {
        allow: EVERYONE,
        body: (_f, run) => ({
          name: `Serieanmäld ${run}`,
          email: `serie-${run}@example.se`,
          organization: 'Kommunen',
          sector: 'public_sector',
          county: 'sodermanland',
          attendance: 'online',
          consent: 'yes',
        }),
      },
    },
  },
  'routes/($lang).events.$slug_.propose': {
    loader: pub,
    action: {
      '': {
        allow: EVERYONE,
        body: (_f, run) => ({
          title: `Förslag ${run}`,
          abstract: 'Ett samtal om behörighet.',
          format: 'talk',
          length: '30',
          name: `Föreslagare ${run}`,
          email: `forslag-${run}@example.se`,
          consent: 'yes',
        }),
      },
    },
  },
  'routes/login': { loader: pub, action: { '': { allow: EVERYONE, body: (_f, run) => ({ email: `inloggning-${run}@example.se` }) } } },
  'routes/login_.$token': { token: 'login', loader: { allow: NOBODY }, action: { '': { allow: NOBODY, body: () => ({}) } } },
  'routes/logout': { loader: pub, action: { '': { allow: EVERYONE, body: () => ({}), last: true } } },

  // ---- Personal links -----------------------------------------------------------------------------
  'routes/($lang).registrations.$token': {
    token: 'manage',
    loader: { allow: ['attendee'], reveals: ATTENDEE_DATA },
    action: {
      cancel: { allow: ['attendee'], body: () => ({ intent: 'cancel' }), last: true },
      'cancel-series': { allow: ['attendee'], body: () => ({ intent: 'cancel-series' }), alsoOk: [400] },
      mode: { allow: ['attendee'], body: () => ({ intent: 'mode', mode: 'online' }), alsoOk: [400, 409] },
      details: {
        allow: ['attendee'],
        body: () => ({
          intent: 'details',
          name: 'Hedvig Ny',
          email: 'hedvig.ny@example.se',
          organization: 'Kommunen',
          sector: 'public_sector',
          county: 'sodermanland',
        }),
        alsoOk: [400],
      },
      items: { allow: ['attendee'], body: () => ({ intent: 'items' }), alsoOk: [400] },
      'join-part': { allow: ['attendee'], body: (f) => ({ intent: 'join-part', eventId: f.eventId }), alsoOk: [400] },
      'calendar-on': { allow: ['attendee'], body: () => ({ intent: 'calendar-on' }) },
      'calendar-off': { allow: ['attendee'], body: () => ({ intent: 'calendar-off' }), last: true },
      ask: { allow: ['attendee'], body: (_f, run) => ({ intent: 'ask', text: `Fråga nummer ${run}?` }), alsoOk: [400] },
      star: { allow: ['attendee'], body: (f) => ({ intent: 'star', itemId: f.itemId }) },
      unstar: { allow: ['attendee'], body: (f) => ({ intent: 'unstar', itemId: f.itemId }) },
      // "Radera mina uppgifter" (ADR 0031): the first press only shows what goes; the second erases, after every other change.
      erase: { allow: ['attendee'], body: () => ({ intent: 'erase' }) },
      'erase-confirm': { allow: ['attendee'], body: () => ({ intent: 'erase-confirm' }), alsoOk: [404], last: true },
    },
  },
  'routes/($lang).registrations.$token_.check-in[.]png': { token: 'manage', loader: { allow: ['attendee'] } },
  // "Download my data" (ADR 0032): the person's own details and answers, never the stream link.
  'routes/($lang).registrations.$token_.data': { token: 'manage', loader: { allow: ['attendee'], reveals: ['attendeeName', 'attendeeEmail', 'customAnswer'] } },
  'routes/($lang).registrations.$token_.data[.]json': {
    token: 'manage',
    loader: { allow: ['attendee'], reveals: ['attendeeName', 'attendeeEmail', 'customAnswer'] },
  },
  'routes/($lang).calendar.personal.$token[.]ics': { token: 'calendar', loader: { allow: ['attendee'], reveals: ['streamLink'] } },
  'routes/unsubscribe.$token': {
    token: 'unsubscribe',
    loader: { allow: ['attendee'], reveals: ['attendeeEmail'] },
    action: {
      unsubscribe: { allow: ['attendee'], body: () => ({ intent: 'unsubscribe' }), reveals: ['attendeeEmail'] },
      'unsubscribe (one-click)': { allow: ['attendee'], body: () => ({ 'List-Unsubscribe': 'One-Click' }), reveals: ['attendeeEmail'] },
      resubscribe: { allow: ['attendee'], body: () => ({ intent: 'resubscribe' }), reveals: ['attendeeEmail'] },
    },
  },
  'routes/($lang).invitations.$token': {
    token: 'invitation',
    loader: { allow: ['speaker'] },
    action: {
      accept: { allow: ['speaker'], body: () => ({ intent: 'accept' }) },
      decline: { allow: ['speaker'], body: () => ({ intent: 'decline', reason: 'Kan inte' }), alsoOk: [409] },
    },
  },
  'routes/($lang).proposals.$token': {
    token: 'proposal',
    loader: { allow: ['speaker'] },
    action: { withdraw: { allow: ['speaker'], body: () => ({ intent: 'withdraw' }), last: true } },
  },
  'routes/($lang).panel.$key.$token': { token: 'panel', loader: { allow: MEMBERS } },

  // ---- The dev mailbox: only with its key, which none of them has ------------------------------------
  'routes/dev.mailbox._index': { loader: { allow: NOBODY } },
  'routes/dev.mailbox.$id': { loader: { allow: NOBODY } },
  'routes/dev.mailbox.$id_.raw': { loader: { allow: NOBODY } },
  'routes/dev.mailbox.$id_.attachments.$index': { loader: { allow: NOBODY } },

  // ---- Signed in: the console's frame and the speaker's own pages ------------------------------------
  'routes/organizer': { loader: { allow: SIGNED_IN } },
  'routes/organizer._index': { loader: { allow: SIGNED_IN } },
  'routes/organizer.mail-preview': { loader: { allow: SIGNED_IN } },
  'routes/speaker': { loader: { allow: SIGNED_IN } },
  'routes/speaker._index': {
    loader: { allow: SIGNED_IN },
    action: {
      'calendar-on': { allow: SIGNED_IN, body: () => ({ intent: 'calendar-on' }) },
      'calendar-off': { allow: SIGNED_IN, body: () => ({ intent: 'calendar-off' }) },
    },
  },
  'routes/speaker.profile': {
    loader: { allow: ['speaker'] },
    action: {
      profile: { allow: ['speaker'], body: () => ({ intent: 'profile', name: 'Talare Behörig', links: '' }), alsoOk: [400] },
      photo: { allow: ['speaker'], body: () => ({ intent: 'photo' }), alsoOk: [400] },
      'photo-remove': { allow: ['speaker'], body: () => ({ intent: 'photo-remove' }) },
    },
  },
  'routes/speaker.sessions.$itemId': {
    loader: { allow: ['speaker'] },
    action: {
      text: {
        allow: ['speaker'],
        body: () => ({ intent: 'text', titleSv: 'Talarens punkt', titleEn: 'The speaker’s item', descriptionSv: '', descriptionEn: '' }),
        alsoOk: [400, 409],
      },
      answers: {
        allow: ['speaker'],
        body: () => ({ intent: 'answers', recordingConsent: 'yes', publishConsent: 'yes', techNeeds: '', availability: '' }),
        alsoOk: [400],
      },
      'material-link': {
        allow: ['speaker'],
        body: () => ({ intent: 'material-link', materialTitle: 'Bilder', materialUrl: 'https://example.se/bilder' }),
        alsoOk: [400],
      },
      'material-file': { allow: ['speaker'], body: () => ({ intent: 'material-file', materialFileTitle: 'Bilder' }), alsoOk: [400] },
      'material-remove': { allow: ['speaker'], body: () => ({ intent: 'material-remove', materialId: '00000000-0000-4000-8000-000000000000' }), alsoOk: [404] },
    },
  },

  // ---- The organization's console: members read, organizers and owners change ------------------------
  'routes/organizer.$org': { loader: read([]) },
  'routes/organizer.$org._index': {
    loader: read(['draftTitle']),
    action: {
      logo: change(() => ({ intent: 'logo' }), { alsoOk: [400] }),
      'remove-logo': change(() => ({ intent: 'remove-logo' })),
      // The organization's default retention (ADR 0031) is the owners' to set.
      retention: { allow: OWNER, body: () => ({ intent: 'retention', retentionMonths: '12' }), reveals: CONSOLE_DATA },
    },
  },
  'routes/organizer.$org.members': {
    loader: read([]),
    action: {
      notifications: { allow: MEMBERS, body: () => ({ intent: 'notifications', registrationDigest: 'daily', speakerAnswerMail: 'immediate' }) },
      invite: { allow: OWNER, body: (_f, run) => ({ intent: 'invite', email: `ny-medlem-${run}@example.se`, role: 'viewer' }), reveals: CONSOLE_DATA },
      changeRole: { allow: OWNER, body: (f) => ({ intent: 'changeRole', personId: f.memberId, role: 'viewer' }), reveals: CONSOLE_DATA },
      remove: { allow: OWNER, body: (f) => ({ intent: 'remove', personId: f.memberId }), reveals: CONSOLE_DATA, last: true },
    },
  },
  // Members read the privacy notice's versions; only owners save a new one (ADR 0032).
  'routes/organizer.$org.privacy': {
    loader: read([]),
    action: { '': { allow: OWNER, body: (_f, run) => ({ contactEmail: '', extraSv: `Egen text ${run}`, extraEn: '' }) } },
  },
  // The organizer puts the failed mail back in the queue; the owner's press then finds none failed (404).
  'routes/organizer.$org.mail': { loader: read(['attendeeEmail']), action: { '': change((f) => ({ id: f.failedMailId }), { alsoOk: [404] }) } },
  'routes/organizer.$org.report': { loader: read([], () => '?from=2026-01-01&to=2027-12-31') },
  'routes/organizer.$org.report_.csv': { loader: read([], () => '?from=2026-01-01&to=2027-12-31&dialect=rfc4180') },
  'routes/organizer.$org.events.new': { loader: read([]), action: { '': change((_f, run) => eventForm(run)) } },
  'routes/organizer.$org.events.$id._index': {
    loader: read(['streamLink']),
    action: {
      save: change((_f, run) => ({ ...eventForm(run), slug: 'behorighet' }), { alsoOk: [400] }),
      publish: change(() => ({ intent: 'publish' }), { alsoOk: [409] }),
      cover: change(() => ({ intent: 'cover' }), { alsoOk: [400] }),
      'remove-cover': change(() => ({ intent: 'remove-cover' })),
      retention: change(() => ({ intent: 'retention', retentionMonths: '6' }), { alsoOk: [409] }),
      // In this order: postponed, then cancelled, then taken down; the owner's second press is a 409.
      postpone: change(() => ({ intent: 'postpone', note: 'Senare' }), { alsoOk: [409], last: true }),
      cancel: change(() => ({ intent: 'cancel', reason: 'Test' }), { alsoOk: [409], last: true }),
      unpublish: change(() => ({ intent: 'unpublish' }), { alsoOk: [409], last: true }),
    },
  },
  'routes/organizer.$org.events.$id.dashboard': { loader: read([]) },
  'routes/organizer.$org.events.$id.programme': {
    loader: read([]),
    action: {
      addRoom: change((_f, run) => ({ intent: 'addRoom', name: `Sal ${run}` })),
      renameRoom: change((f, run) => ({ intent: 'renameRoom', roomId: f.roomId, name: `Salen ${run}` })),
      removeRoom: change((f) => ({ intent: 'removeRoom', roomId: f.roomId }), { alsoOk: [404, 409], last: true }),
      addTrack: change((_f, run) => ({ intent: 'addTrack', nameSv: `Spår ${run}`, nameEn: '' }), { alsoOk: [400] }),
      removeTrack: change(() => ({ intent: 'removeTrack', trackId: '00000000-0000-4000-8000-000000000000' }), { alsoOk: [404] }),
      saveItem: change((_f, run) => ({ intent: 'saveItem', type: 'talk', titleSv: `Punkt ${run}`, day: '2027-03-01', startTime: '13:00', endTime: '13:30' }), {
        alsoOk: [400],
      }),
      deleteItem: change(() => ({ intent: 'deleteItem', itemId: '00000000-0000-4000-8000-000000000000' }), { alsoOk: [404] }),
    },
  },
  'routes/organizer.$org.events.$id.registrations': {
    loader: read(PERSONAL),
    action: {
      add: change((_f, run) => ({ intent: 'add', name: `Tillagd ${run}`, email: `tillagd-${run}@example.se`, attendanceMode: 'on_site' })),
      markPayment: change((f) => ({ intent: 'markPayment', registrationId: f.registrationId, paymentStatus: 'paid' }), { alsoOk: [400, 409] }),
      move: change((f) => ({ intent: 'move', registrationId: f.registrationId, mode: 'online' }), { alsoOk: [400, 409] }),
      cancel: change((f) => ({ intent: 'cancel', registrationId: f.registrationId }), { alsoOk: [409], last: true }),
      promote: change((f) => ({ intent: 'promote', registrationId: f.waitlistedId }), { alsoOk: [409] }),
      removeFromWaitlist: change((f) => ({ intent: 'removeFromWaitlist', registrationId: f.waitlistedId }), { alsoOk: [409], last: true }),
      resend: change((f) => ({ intent: 'resend', registrationId: f.registrationId }), { alsoOk: [409] }),
      // The attendee erased themselves already (or the organizer's press did it first): 409.
      erase: change((f) => ({ intent: 'erase', registrationId: f.registrationId, reason: 'Personen bad om det' }), { alsoOk: [409], last: true }),
    },
  },
  'routes/organizer.$org.events.$id.registrations_.export': { loader: read(PERSONAL, () => '?format=rfc4180') },
  'routes/organizer.$org.events.$id.invites': {
    loader: read([]),
    action: {
      // The fixture's event is open to all, so the guest list answers 409 (after the role was checked).
      invite: change((_f, run) => ({ intent: 'invite', list: `gast-${run}@example.se` }), { alsoOk: [409] }),
      revoke: change((f) => ({ intent: 'revoke', inviteId: f.inviteId }), { alsoOk: [409], last: true }),
      resend: change((f) => ({ intent: 'resend', inviteId: f.inviteId }), { alsoOk: [409] }),
    },
  },
  'routes/organizer.$org.events.$id.speakers': {
    loader: read([]),
    action: {
      invite: change((_f, run) => ({
        intent: 'invite',
        name: `Talare ${run}`,
        email: `talare-${run}@example.se`,
        role: 'speaker',
        answerBy: '2099-03-01T12:00',
      })),
      revoke: change((f) => ({ intent: 'revoke', invitationId: f.pendingInvitationId }), { alsoOk: [409], last: true }),
      resend: change((f) => ({ intent: 'resend', invitationId: f.pendingInvitationId }), { alsoOk: [409] }),
      deadline: change((f) => ({ intent: 'deadline', invitationId: f.pendingInvitationId, answerBy: '2099-04-01T12:00' }), { alsoOk: [400, 409] }),
    },
  },
  'routes/organizer.$org.events.$id.speaker-answers': {
    loader: read([]),
    action: {
      settings: change(() => ({ intent: 'settings', speakerEditsOpen: 'yes', speakerEditsUntil: '' })),
      approve: change(() => ({ intent: 'approve', editId: '00000000-0000-4000-8000-000000000000' }), { alsoOk: [404] }),
      reject: change(() => ({ intent: 'reject', editId: '00000000-0000-4000-8000-000000000000' }), { alsoOk: [404] }),
    },
  },
  'routes/organizer.$org.events.$id.materials': {
    loader: read([]),
    action: {
      add: change(() => ({ intent: 'add', kind: 'recording', itemId: '', url: 'https://youtu.be/authz' })),
      upload: change(() => ({ intent: 'upload', kind: 'slides', itemId: '', title: 'Bilder' }), { alsoOk: [400] }),
      remove: change(() => ({ intent: 'remove', materialId: '00000000-0000-4000-8000-000000000000' }), { alsoOk: [404] }),
      notify: change(() => ({ intent: 'notify' }), { alsoOk: [400, 409], last: true }),
    },
  },
  'routes/organizer.$org.events.$id.check-in': {
    loader: read(['attendeeName', 'attendeeEmail'], () => `?q=${encodeURIComponent(MARKERS.attendeeName)}`),
    action: {
      checkIn: change((f) => ({ intent: 'checkIn', registrationId: f.registrationId }), { alsoOk: [409] }),
      undo: change((f) => ({ intent: 'undo', registrationId: f.registrationId }), { alsoOk: [409] }),
      scan: change(() => ({ intent: 'scan', ticket: 'not-a-ticket' }), { alsoOk: [400, 404] }),
      sync: change((_f, run) => ({ intent: 'sync', scans: JSON.stringify([{ clientId: `authz-${run}`, ticket: 'not-a-ticket' }]) })),
    },
  },
  'routes/organizer.$org.events.$id.questions': {
    loader: read(['attendeeName']),
    // The organizer moves it; the owner's same press finds it already selected (the same outcome).
    action: { moderate: change((f) => ({ intent: 'moderate', questionId: f.questionId, from: 'new', state: 'selected' }), { alsoOk: [409] }) },
  },
  'routes/organizer.$org.events.$id.questions_.export': { loader: read(['attendeeName'], () => '?format=rfc4180') },
  'routes/organizer.$org.events.$id.proposals': {
    loader: read([]),
    action: {
      settings: change((_f, run) => ({
        intent: 'settings',
        isOpen: 'yes',
        closesAt: '2099-03-01T12:00',
        format_talk: 'yes',
        length_30: 'yes',
        introSv: `Inledning ${run}`,
      })),
      rate: change((f) => ({ intent: 'rate', proposalId: f.proposalId, score: '4' }), { alsoOk: [400, 409] }),
      comment: change((f) => ({ intent: 'comment', proposalId: f.proposalId, body: 'Bra förslag' }), { alsoOk: [400, 409] }),
      accept: change((f) => ({ intent: 'accept', proposalId: f.decisionProposalId, message: '' }), { alsoOk: [409], last: true }),
      decline: change((f) => ({ intent: 'decline', proposalId: f.decisionProposalId, message: '' }), { alsoOk: [409], last: true }),
    },
  },
  'routes/organizer.$org.events.$id.mailings._index': { loader: read([]), action: { create: change(() => ({ intent: 'create' })) } },
  'routes/organizer.$org.events.$id.mailings.$mailingId': {
    loader: read(['attendeeName']),
    action: {
      save: change((_f, run) => ({ intent: 'save', subjectSv: `Utskick ${run}`, bodySv: 'Hej {förnamn}' }), { alsoOk: [400, 409] }),
      // In this order: scheduled, the schedule cancelled, then sent; the owner's second press is a 409.
      schedule: change(() => ({ intent: 'schedule', subjectSv: 'Utskick', bodySv: 'Hej', scheduledAt: '2099-03-01T12:00' }), { alsoOk: [409], last: true }),
      cancel: change(() => ({ intent: 'cancel' }), { alsoOk: [409], last: true }),
      send: change(() => ({ intent: 'send', subjectSv: 'Utskick', bodySv: 'Hej' }), { alsoOk: [409], last: true }),
    },
  },
  'routes/organizer.$org.series._index': { loader: read([]) },
  'routes/organizer.$org.series.new': { loader: read([]), action: { '': change((_f, run) => ({ titleSv: `Serie ${run}` })) } },
  'routes/organizer.$org.series.$id': {
    loader: read(['draftTitle']),
    action: {
      save: change((_f, run) => ({ intent: 'save', titleSv: `Serien ${run}`, slug: 'serien' }), { alsoOk: [400] }),
      addPart: change((f) => ({ intent: 'addPart', eventId: f.eventId }), { alsoOk: [400, 409] }),
      removePart: change((f) => ({ intent: 'removePart', eventId: f.eventId }), { alsoOk: [400, 404, 409], last: true }),
      moveUp: change((f) => ({ intent: 'moveUp', eventId: f.eventId }), { alsoOk: [400, 409] }),
      moveDown: change((f) => ({ intent: 'moveDown', eventId: f.eventId }), { alsoOk: [400, 409] }),
      publish: change(() => ({ intent: 'publish' }), { alsoOk: [409] }),
      unpublish: change(() => ({ intent: 'unpublish' }), { alsoOk: [409], last: true }),
    },
  },
}
