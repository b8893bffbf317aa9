import type { mailMessages as sv } from '../sv/mail.ts'

export const mailMessages = {
  // --- shared by every message (emails/layout.tsx) ---
  'mail.common.brand': 'Samling',
  'mail.common.tagline': 'Events and conferences for social innovation',
  'mail.common.automatic': 'Samling sent this email automatically. If you have questions, reply and your message reaches the organizer.',
  'mail.common.automaticNoReply': 'Samling sent this email automatically.',
  'mail.common.linkFallback': 'Button not working? Copy this address into your browser:',
  'mail.common.unsubscribe': 'Don’t want emails like this? Unsubscribe:',
  'mail.common.timeZone': 'Swedish time',

  // --- sign-in-link ---
  'mail.signIn.subject': 'Your sign-in link for Samling',
  'mail.signIn.preview': 'Sign in to Samling. The link works for {minutes} minutes.',
  'mail.signIn.heading': 'Sign in to Samling',
  'mail.signIn.body': 'You (or someone who typed your address) asked to sign in to Samling. The link works for {minutes} minutes and only once.',
  'mail.signIn.button': 'Sign in to Samling',
  'mail.signIn.ignore': 'If you did not ask for this link, you can ignore this email. Nobody can sign in without opening the link.',

  // --- member-invitation ---
  'mail.invitation.subject': '{inviter} has added you to {organization} on Samling',
  'mail.invitation.preview': 'You are now {role} of {organization}.',
  'mail.invitation.heading': 'You are now a member of {organization}',
  'mail.invitation.body': '{inviter} has added you as {role} of {organization} on Samling. The membership is already active: there is nothing to accept.',
  'mail.invitation.role.owner': 'an owner',
  'mail.invitation.role.organizer': 'an organizer',
  'mail.invitation.role.viewer': 'a viewer',
  'mail.invitation.roleHelp.owner': 'As an owner you create and change events and decide who belongs to the organization.',
  'mail.invitation.roleHelp.organizer': 'As an organizer you create and change events, programmes and mailings.',
  'mail.invitation.roleHelp.viewer': 'As a viewer you see events and registrations but change nothing.',
  'mail.invitation.button': 'Sign in to start',
  'mail.invitation.signInHelp':
    'The link opens the sign-in page. Enter your email address there and we will mail you a link that signs you in. No password needed.',
  'mail.invitation.mistake':
    'Was this a mistake, or do you not want to take part? Reply to this email or contact {inviter}, and an owner will remove you from {organization}.',

  // --- event-changed ---
  'mail.eventChanged.subject.time': 'New time: {title}',
  'mail.eventChanged.subject.place': 'New place: {title}',
  'mail.eventChanged.subject.cancelled': 'Cancelled: {title}',
  'mail.eventChanged.subject.postponed': 'Postponed: {title}',
  'mail.eventChanged.intro.time': 'The time of {title} has changed. Here is the new time.',
  'mail.eventChanged.intro.place': 'The place of {title} has changed. Here is the new place.',
  'mail.eventChanged.intro.cancelled': '{title} is cancelled and will not take place.',
  'mail.eventChanged.intro.postponed': '{title} is postponed. The organizer will announce a new time once it is set.',
  'mail.eventChanged.reason': 'Message from the organizer:',
  'mail.eventChanged.event': 'Event',
  'mail.eventChanged.when': 'Time',
  'mail.eventChanged.newWhen': 'New time',
  'mail.eventChanged.plannedWhen': 'Planned time',
  'mail.eventChanged.where': 'Place',
  'mail.eventChanged.newWhere': 'New place',
  'mail.eventChanged.link': 'More information',
  'mail.eventChanged.button': 'View the event',
  'mail.eventChanged.calendarHint':
    'Added the event to your calendar? Update it there too, or subscribe to Samling’s calendar feed so it happens automatically.',
  'mail.eventChanged.cancelledHint': 'You need not do anything. If the event is in your calendar, you can delete it.',
  'mail.eventChanged.why': 'You receive this email because you are registered for the event.',

  // --- registration-opened (interest-only events) ---
  'mail.registrationOpened.subject': 'Registration is open: {title}',
  'mail.registrationOpened.intro': 'You showed interest in {title}. Registration is now open, and places go to those who register first.',
  'mail.registrationOpened.event': 'Event',
  'mail.registrationOpened.when': 'Time',
  'mail.registrationOpened.where': 'Place',
  'mail.registrationOpened.closes': 'Registration closes',
  'mail.registrationOpened.button': 'Register',
  'mail.registrationOpened.why':
    'You receive this email once, because you left your address to hear when registration opens. Showing interest is not a registration.',

  // --- the unsubscribe page (/unsubscribe/<token>) ---
  'mail.unsubscribe.title': 'Stop notifications from Samling',
  'mail.unsubscribe.intro': 'Here you stop notifications from Samling to {address}.',
  'mail.unsubscribe.whatStops': 'These stop coming:',
  'mail.unsubscribe.stops.opened': 'notices that registration has opened for events you showed interest in',
  'mail.unsubscribe.stops.digests': 'summaries of registrations and cancellations for events you organize',
  'mail.unsubscribe.stops.full': 'notices that an event you organize is full',
  'mail.unsubscribe.whatStays':
    'Email about something you did yourself still comes: sign-in links, registration confirmations, reminders before events you registered for and notices when such an event moves or is cancelled.',
  'mail.unsubscribe.submit': 'Stop notifications',
  'mail.unsubscribe.done': 'Done. {address} no longer receives notifications from Samling.',
  'mail.unsubscribe.already': '{address} already receives no notifications from Samling.',
  'mail.unsubscribe.undoIntro': 'Changed your mind? You can turn notifications back on.',
  'mail.unsubscribe.undo': 'Turn notifications back on',
  'mail.unsubscribe.resubscribed': '{address} receives notifications from Samling again.',
  'mail.unsubscribe.notFound': 'This unsubscribe link is not valid. Copy the whole address from the email and try again.',

  // --- the dev mailbox (/dev/mailbox) ---
  'mail.mailbox.title': 'Developer mailbox',
  'mail.mailbox.intro': 'Every email Samling sends while no SMTP server is configured (SMTP_URL) lands here. Newest first.',
  'mail.mailbox.empty': 'No messages yet.',
  'mail.mailbox.count': 'Number of messages: {count}',
  'mail.mailbox.time': 'Time',
  'mail.mailbox.to': 'To',
  'mail.mailbox.from': 'From',
  'mail.mailbox.replyTo': 'Reply to',
  'mail.mailbox.subject': 'Subject',
  'mail.mailbox.noSubject': '(no subject)',
  'mail.mailbox.back': 'Back to the mailbox',
  'mail.mailbox.headers': 'Header fields',
  'mail.mailbox.links': 'Links in the message',
  'mail.mailbox.html': 'HTML version',
  'mail.mailbox.text': 'Text version',
  'mail.mailbox.noText': 'The message has no text version.',
  'mail.mailbox.noHtml': 'The message has no HTML version.',
  'mail.mailbox.attachments': 'Attachments',
  'mail.mailbox.raw': 'Download the whole message (.eml)',
  'mail.mailbox.otherLanguage': 'På svenska',
} satisfies Record<keyof typeof sv, string>
