import type { accountsMessages as sv } from '../sv/accounts.ts'

export const accountsMessages = {
  // --- sign-in: request a link ---
  'accounts.login.title': 'Sign in',
  'accounts.login.intro': 'Samling uses no passwords. Enter your e-mail address and we will send a sign-in link to it.',
  'accounts.login.emailLabel': 'E-mail address',
  'accounts.login.emailHint': 'The address you were invited with, for example name@council.se.',
  'accounts.login.submit': 'Send sign-in link',
  'accounts.login.sentTitle': 'Check your inbox',
  'accounts.login.sent':
    'If the address belongs to an account with us, we have now sent a sign-in link to it. The link is valid for {minutes} minutes and works only once.',
  'accounts.login.sentHelp': 'No link? Check your spam folder and the spelling of the address, or ask whoever invited you for a new invitation.',
  'accounts.login.tryAgain': 'Send a new link',
  'accounts.login.switchToEnglish': 'In English',
  'accounts.login.switchToSwedish': 'På svenska',
  'accounts.login.signedInAs': 'You are signed in as {email}.',
  'accounts.login.toConsole': 'Go to the organizer console',

  // --- sign-in: the link ---
  'accounts.link.title': 'Sign in to Samling',
  'accounts.link.intro': 'Press the button to sign in. The link works only once.',
  'accounts.link.submit': 'Sign in',
  'accounts.link.invalidTitle': 'This link no longer works',
  'accounts.link.invalid':
    'The sign-in link has already been used, has expired (it is valid for {minutes} minutes) or is incorrect. Request a new link to get in.',
  'accounts.link.requestNew': 'Request a new sign-in link',

  // --- rate limits ---
  'accounts.rateLimit.email': 'We have already sent several links to this address. Please wait {minutes} minutes and try again.',
  'accounts.rateLimit.ip': 'Too many sign-in attempts from your connection. Please wait {minutes} minutes and try again.',

  // --- sign-out ---
  'accounts.logout.title': 'Sign out',
  'accounts.logout.intro': 'Do you want to sign out of Samling on this device?',
  'accounts.logout.submit': 'Sign out',

  // --- roles ---
  'accounts.role.owner': 'Owner',
  'accounts.role.organizer': 'Organizer',
  'accounts.role.viewer': 'Viewer',
  'accounts.role.ownerHint': 'Owners manage members and everything else in the organization.',
  'accounts.role.organizerHint': 'Organizers create and edit events, programmes and speakers.',
  'accounts.role.viewerHint': 'Viewers can see everything but change nothing.',

  // --- members ---
  'accounts.members.title': 'Members',
  'accounts.members.intro': 'These people have access to {organization} in Samling.',
  'accounts.members.readOnly': 'Only owners can invite, change roles and remove members.',
  'accounts.members.name': 'Name',
  'accounts.members.email': 'E-mail',
  'accounts.members.role': 'Role',
  'accounts.members.actions': 'Change',
  'accounts.members.lastLogin': 'Last signed in',
  'accounts.members.neverLoggedIn': 'Never',
  'accounts.members.you': '(you)',
  'accounts.members.listCaption': 'Members of {organization}',
  'accounts.members.inviteTitle': 'Invite a member',
  'accounts.members.inviteIntro': 'The person receives an e-mail with a link to sign in.',
  'accounts.members.emailLabel': 'E-mail address',
  'accounts.members.roleLabel': 'Role',
  'accounts.members.inviteSubmit': 'Send invitation',
  'accounts.members.changeRoleLabel': 'New role for {email}',
  'accounts.members.changeRoleSubmit': 'Change role',
  'accounts.members.removeSubmit': 'Remove',
  'accounts.members.removeLabel': 'Remove {email} from the organization',
  'accounts.members.invited': 'The invitation to {email} has been sent.',
  'accounts.members.roleChanged': '{email} now has the role {role}.',
  'accounts.members.removed': '{email} has been removed from the organization.',
  'accounts.notifications.title': 'My notifications',
  'accounts.notifications.intro':
    'Choose how often you want email about new registrations and cancellations for the events of {organization}. The choice is yours alone.',
  'accounts.notifications.legend': 'Email about registrations',
  'accounts.notifications.option.immediate': 'At once, one email per registration or cancellation',
  'accounts.notifications.option.daily': 'One summary a day, around 07:00',
  'accounts.notifications.option.off': 'No email about registrations',
  'accounts.notifications.fullHint': 'With either of the first two you also get an email when an event becomes full.',
  'accounts.notifications.speakers.legend': 'Email about speakers’ answers',
  'accounts.notifications.speakers.option.immediate': 'At once, one email per answer to a speaker invitation',
  'accounts.notifications.speakers.option.daily': 'In the daily summary, around 07:00',
  'accounts.notifications.speakers.option.off': 'No email about speakers’ answers',
  'accounts.notifications.speakers.hint': 'Answers from invited speakers and invitations that expired unanswered. Only for organizers and owners.',
  'accounts.notifications.submit': 'Save my notifications',
  'accounts.notifications.saved': 'Your notifications are saved.',
  'accounts.members.alreadyMember': 'This person is already a member. Change their role in the list instead.',
  'accounts.members.notMember': 'This person is not a member of the organization.',
  'accounts.members.lastOwner': 'The organization must have at least one owner. Make someone else an owner first.',
  'accounts.members.unknownIntent': 'Unknown action.',
} satisfies Record<keyof typeof sv, string>
